import { readNpy } from '@mirkit/core';
import { requireFixtures } from '@mirkit/core/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPyjama } from '../pyjama/read-pyjama.js';
import type { PyjamaFile } from '../pyjama/types.js';
import { trainValidSplit } from '../split.js';
import { groundtruthItem } from './groundtruth.js';
import { compareCodePoints, labelNameDict } from './label-dictionary.js';
import { mapAnnotFrameBased, mapAnnotSegmentBased, midiToF0, nearestIndex, sparsePitchTarget } from './multipitch-targets.js';

const dir = requireFixtures('mir-tutorial');
const SR = 22050;

interface LabelsJson {
  labelname_dict: Record<string, (string | number)[]>;
  labelname_dict_errors: Record<string, string>;
  entries: {
    index: number;
    filepath: string;
    split: string;
    genre_index: number;
    tag_labels: string[];
    chord_frames: string;
    chord_frames_uncovered_count: number;
    pitch_segment_sparse: string;
    pitch_segment_dense?: string;
    pitch_frame_sparse?: string;
    pitch_frame_bin0_frames?: number;
    pitch_grid: { n_bins: number; n_frames: number };
    pitch_notes_bins: { midi: number; bin: number; start_frame: number; stop_frame_exclusive: number }[];
  }[];
}
interface FeatureIndex {
  entries: { filepath: string; n_samples: number; lms: { shape: number[]; time_sec: number[] }; hcqt?: { frequency_hz: number[]; time_sec: number[] } }[];
}

describe('label helpers', () => {
  it('code-point order (Python str sort), not UTF-16 or locale order', () => {
    expect(['bass', 'Synth', 'électro', 'A:min', 'A#:maj'].sort(compareCodePoints)).toEqual(['A#:maj', 'A:min', 'Synth', 'bass', 'électro']);
    expect(compareCodePoints('\u{1F600}', '\uFFFF')).toBeGreaterThan(0); // UTF-16 code units would say < 0
  });

  it('segment labels: (t, t+d], later segments overwrite, uncovered frames keep 0 (golden of mir-tutorial.md §6.3)', () => {
    const entry = { chord: [{ value: 'N:-', time: 0, duration: 0.3 }, { value: 'C:maj', time: 0.3, duration: 0.4 }, { value: 'A:min', time: 0.7, duration: 0.2 }] };
    const t = Array.from({ length: 12 }, (_, n) => n * 0.1);
    expect(Array.from(groundtruthItem(entry, 'chord', ['A:min', 'C:maj', 'N:-'], 'segment', { timeSec: t }))).toEqual([0, 2, 2, 1, 1, 1, 1, 0, 0, 0, 0, 0]);
    expect(Array.from(groundtruthItem(entry, 'chord', ['A:min', 'C:maj', 'N:-'], 'segment', { timeSec: t, uncoveredLabel: 'N:-' }))).toEqual([2, 2, 2, 1, 1, 1, 1, 0, 0, 2, 2, 2]);
    expect(() => groundtruthItem(entry, 'chord', ['A:min'], 'segment', { timeSec: t })).toThrow(/not in the label dictionary/);
    expect(() => groundtruthItem({ genre: [] }, 'genre', ['a'], 'multiclass')).toThrow(/needs one atom/);
  });

  it('golden bins of the 360-bin grid (MIDI 24→0, 33→45, 69→225, 95→355) and nearest-index ties', () => {
    const freq = Array.from({ length: 360 }, (_, k) => 32.7 * 2 ** (k / 60));
    expect([24, 33, 69, 95].map((m) => nearestIndex(freq, midiToF0(m)))).toEqual([0, 45, 225, 355]);
    expect(nearestIndex([0, 1, 2, 3], 1.5)).toBe(1);
    expect(nearestIndex([3, 1, 2], 2.5)).toBe(0);
    expect(nearestIndex([0, 1, 1, 2], 1)).toBe(1);
  });
});

describe.skipIf(!dir)('labels equal expected/labels.json and labels/*.npy', () => {
  let pj: PyjamaFile;
  let labels: LabelsJson;
  let features: FeatureIndex;
  beforeAll(async () => {
    pj = await readPyjama(join(dir!, 'dataset', 'annotations.pyjama'));
    labels = JSON.parse(readFileSync(join(dir!, 'expected', 'labels.json'), 'utf8')) as LabelsJson;
    features = JSON.parse(readFileSync(join(dir!, 'expected', 'features', 'index.json'), 'utf8')) as FeatureIndex;
  });

  it('label dictionaries, and failures where upstream raises', () => {
    for (const [key, want] of Object.entries(labels.labelname_dict)) expect(labelNameDict(pj, key), key).toEqual(want);
    expect(Object.keys(labels.labelname_dict_errors).sort()).toEqual(['f0multi', 'instrument', 'tempo']);
    expect(() => labelNameDict(pj, 'instrument')).toThrow(/\$\.collection\.entry\[2\]\.instrument\[0\]\.value: a list-valued atom/);
    expect(() => labelNameDict(pj, 'tempo')).toThrow(/entry\[0\]\.tempo: entry 0 has no 'tempo'/);
    expect(() => labelNameDict(pj, 'f0multi')).toThrow(/unhashable/);
  });

  it('multiclass genre index and multilabel tag multi-hot', async () => {
    const genres = labelNameDict(pj, 'genre');
    const tags = labelNameDict(pj, 'tag');
    const genreIndex = await readNpy(join(dir!, 'expected', 'labels', 'genre_index.npy'));
    const multihot = await readNpy(join(dir!, 'expected', 'labels', 'tag_multihot.npy'));
    expect(multihot.shape).toEqual([12, tags.length]);
    pj.collection.entry.forEach((entry, i) => {
      expect(groundtruthItem(entry, 'genre', genres, 'multiclass')).toBe(genreIndex.data[i]);
      expect(groundtruthItem(entry, 'genre', genres, 'multiclass')).toBe(labels.entries[i]!.genre_index);
      const y = groundtruthItem(entry, 'tag', tags, 'multilabel');
      expect(Array.from(y)).toEqual(Array.from((multihot.data as Float32Array).subarray(i * tags.length, (i + 1) * tags.length)));
      expect(tags.filter((_, k) => y[k] === 1)).toEqual([...labels.entries[i]!.tag_labels].sort(compareCodePoints));
    });
  });

  it('chord frames on the LMS grid (n·1024/sr), all 12 entries', async () => {
    const chords = labelNameDict(pj, 'chord');
    for (const [i, entry] of pj.collection.entry.entries()) {
      const want = labels.entries[i]!;
      const f = features.entries[i]!;
      const frames = 1 + Math.floor(f.n_samples / 1024);
      const timeSec = Array.from({ length: frames }, (_, n) => (n * 1024) / SR);
      expect(timeSec).toEqual(f.lms.time_sec); // exact doubles
      const y = groundtruthItem(entry, 'chord', chords, 'segment', { timeSec });
      const expected = await readNpy(join(dir!, 'expected', want.chord_frames));
      expect(Array.from(y)).toEqual(Array.from(expected.data as Int32Array));
    }
  });

  it('multi-pitch targets on the HCQT grid (segment-based for all, dense and frame-based where exported)', async () => {
    const freq = features.entries[0]!.hcqt!.frequency_hz;
    for (const [i, entry] of pj.collection.entry.entries()) {
      const want = labels.entries[i]!;
      const frames = 1 + Math.floor(features.entries[i]!.n_samples / 512);
      expect(frames).toBe(want.pitch_grid.n_frames);
      const timeSec = Array.from({ length: frames }, (_, n) => (n * 512) / SR);
      const target = mapAnnotSegmentBased(entry.pitchmidi ?? [], timeSec, freq);
      const sparse = await readNpy(join(dir!, 'expected', want.pitch_segment_sparse));
      expect(Array.from(sparsePitchTarget(target))).toEqual(Array.from(sparse.data as Int32Array));
      for (const [j, note] of want.pitch_notes_bins.entries()) {
        const atom = entry.pitchmidi![j]!;
        expect(nearestIndex(freq, midiToF0(atom.value as number))).toBe(note.bin);
        expect(nearestIndex(timeSec, atom.time as number)).toBe(note.start_frame);
        expect(nearestIndex(timeSec, (atom.time as number) + (atom.duration as number))).toBe(note.stop_frame_exclusive);
      }
      if (want.pitch_segment_dense) {
        const dense = await readNpy(join(dir!, 'expected', want.pitch_segment_dense));
        expect(dense.shape).toEqual(target.shape);
        expect(Buffer.from(target.data.buffer).equals(Buffer.from(dense.data.buffer))).toBe(true);
      }
      if (want.pitch_frame_sparse) {
        const frameTarget = mapAnnotFrameBased(entry.f0multi![0]!, timeSec, freq);
        const expected = await readNpy(join(dir!, 'expected', want.pitch_frame_sparse));
        expect(Array.from(sparsePitchTarget(frameTarget))).toEqual(Array.from(expected.data as Int32Array));
        let bin0 = 0;
        for (let n = 0; n < frames; n++) bin0 += frameTarget.data[n]!;
        expect(bin0).toBe(want.pitch_frame_bin0_frames);
        const voiced = mapAnnotFrameBased(entry.f0multi![0]!, timeSec, freq, { voicedOnly: true });
        const voicedBin0 = voiced.data.subarray(0, frames).reduce((a, v) => a + v, 0);
        expect(voicedBin0).toBeLessThan(bin0); // only real MIDI-24 notes remain in bin 0
        if (i === 0) expect(voicedBin0).toBe(0);
      }
    }
  });

  it('train/valid split (i % 5 == 0 → valid) and the MPE frame-mode variant', () => {
    const split = JSON.parse(readFileSync(join(dir!, 'expected', 'split.json'), 'utf8')) as {
      train: string[];
      valid: string[];
      train_idx: number[];
      valid_idx: number[];
      mpe_frame_mode_filtered: { entries: string[]; train: string[]; valid: string[] };
    };
    const files = pj.collection.entry.map((e) => e.filepath![0]!.value as string);
    const s = trainValidSplit(files);
    expect([s.train, s.valid, s.trainIndices, s.validIndices]).toEqual([split.train, split.valid, split.train_idx, split.valid_idx]);
    labels.entries.forEach((e) => expect(s.valid.includes(e.filepath) ? 'valid' : 'train').toBe(e.split));
    const mpe = pj.collection.entry.filter((e) => (e.f0multi ?? []).length > 0).map((e) => e.filepath![0]!.value as string);
    expect(mpe).toEqual(split.mpe_frame_mode_filtered.entries);
    const m = trainValidSplit(mpe);
    expect([m.train, m.valid]).toEqual([split.mpe_frame_mode_filtered.train, split.mpe_frame_mode_filtered.valid]);
  });
});
