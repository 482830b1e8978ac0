import { padCollate, readNpy, type NdArray } from '@mirkit/core';
import { requireFixtures } from '@mirkit/core/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { roundHalfEven } from '../numeric/round-half-even.js';
import { createBeatTargetBuilder } from './beat-target-builder.js';
import { beatsToTargets, timeToFrame } from './beats-to-targets.js';
import { readDatasetIndex } from './dataset-index.js';
import { parseBeats, readBeatsFile } from './parse-beats.js';

const dir = requireFixtures('beatnet');

describe('frame rounding', () => {
  it('rounds exact halves to even like Python round()', () => {
    expect([0.5, 1.5, 2.5, 16.5, 411.5, -0.5, -1.5, 2.4999999999999996, 3.7].map(roundHalfEven)).toEqual([0, 2, 2, 16, 412, -0, -2, 2, 4]);
    expect(timeToFrame(0.01)).toBe(0); // 0.5 → 0
    expect(timeToFrame(0.33)).toBe(16); // 16.5 → 16 (Math.round gives 17)
    expect(timeToFrame(8.23)).toBe(412); // 411.5 → 412
  });

  it('drops frames outside [0, T) and sets duplicates once', () => {
    const annotation = parseBeats('-0.02 1\n0.0 2\n0.004 3\n0.1 1\n0.2 2\n');
    const { targets, dropped, downbeatMask } = beatsToTargets(annotation, { numFrames: 10 });
    expect(targets.shape).toEqual([10, 2]);
    expect(dropped.map((d) => d.frame)).toEqual([-1, 10]);
    expect(Array.from(targets.data)).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(downbeatMask).toBe(1);
    expect(beatsToTargets(annotation, { numFrames: 10, hasDownbeats: false }).downbeatMask).toBe(0);
    expect(() => beatsToTargets(annotation, { numFrames: -1 })).toThrow(/numFrames/);
    expect(() => createBeatTargetBuilder({ fps: 0 })).toThrow(/fps/);
  });
});

describe.skipIf(!dir)('beat targets equal the fixture targets_<clip>.npy exactly', () => {
  it('every dataset_index.csv row (T from dataset_items.json)', async () => {
    const items = JSON.parse(readFileSync(join(dir!, 'expected', 'dataset_items.json'), 'utf8')) as {
      rows: { index: number; audio_id: string; beats_path: string; has_downbeats: boolean; clip: string; T: number; target: string; n_beats: number; n_downbeats: number }[];
    };
    const rows = await readDatasetIndex(join(dir!, 'index', 'dataset_index.csv'));
    expect(rows).toHaveLength(items.rows.length);
    const builder = createBeatTargetBuilder();
    for (const want of items.rows) {
      const row = rows[want.index]!;
      expect(row.audioPath).toBe(want.audio_id);
      expect(row.beatsPath).toBe(want.beats_path);
      expect(row.hasDownbeats).toBe(want.has_downbeats);
      const annotation = await readBeatsFile(join(dir!, row.beatsPath));
      const { targets } = builder.build(annotation, want.T, row.hasDownbeats);
      const expected = await readNpy(join(dir!, want.target));
      expect(expected.shape).toEqual([want.T, 2]);
      expect(targets.shape).toEqual(expected.shape);
      expect(Buffer.from(targets.data.buffer).equals(Buffer.from(expected.data.buffer))).toBe(true);
      let beats = 0;
      let downbeats = 0;
      for (let t = 0; t < want.T; t++) {
        beats += targets.data[2 * t]!;
        downbeats += targets.data[2 * t + 1]!;
      }
      expect([beats, downbeats]).toEqual([want.n_beats, want.n_downbeats]);
    }
  });

  it('clips.json: kept frames, dropped beats and round-half ties', async () => {
    const clips = JSON.parse(readFileSync(join(dir!, 'expected', 'clips.json'), 'utf8')) as Record<
      string,
      { annotation_path: string; num_frames_T: number; target_frames_kept: number[]; target_dropped: { time: number; frame: number }[] }
    >;
    for (const clip of Object.values(clips)) {
      const annotation = await readBeatsFile(join(dir!, clip.annotation_path));
      const { targets, dropped } = beatsToTargets(annotation, { numFrames: clip.num_frames_T });
      const kept = [...Array(clip.num_frames_T).keys()].filter((t) => targets.data[2 * t] === 1);
      expect(kept).toEqual(clip.target_frames_kept);
      expect(dropped.map(({ time, frame }) => ({ time, frame }))).toEqual(clip.target_dropped);
    }
  });

  it('annotations_real_parsed.json: beat/downbeat frames at T = 1501 and dropped beats', async () => {
    const expected = JSON.parse(readFileSync(join(dir!, 'expected', 'annotations_real_parsed.json'), 'utf8')) as {
      T_nominal: number;
      files: Record<string, { beat_frames: number[]; downbeat_frames: number[]; dropped: { time: number; frame: number }[] }>;
    };
    for (const [name, want] of Object.entries(expected.files)) {
      const annotation = await readBeatsFile(join(dir!, 'annotations-real', name));
      const { targets, dropped } = beatsToTargets(annotation, { numFrames: expected.T_nominal });
      const frames = (col: number) => [...Array(expected.T_nominal).keys()].filter((t) => targets.data[2 * t + col] === 1);
      expect(frames(0)).toEqual([...new Set(want.beat_frames)]);
      expect(frames(1)).toEqual([...new Set(want.downbeat_frames)]);
      expect(dropped.map(({ time, frame }) => ({ time, frame }))).toEqual(want.dropped);
    }
  });

  it('targets of the 5 index rows collate (core padCollate, zero padding) to collate_targets.npy / collate_lengths.npy', async () => {
    const items = JSON.parse(readFileSync(join(dir!, 'expected', 'dataset_items.json'), 'utf8')) as { rows: { beats_path: string; has_downbeats: boolean; T: number }[] };
    const samples = await Promise.all(
      items.rows.map(async (row) => ({ target: beatsToTargets(await readBeatsFile(join(dir!, row.beats_path)), { numFrames: row.T, hasDownbeats: row.has_downbeats }).targets })),
    );
    const batch = padCollate({ fields: ['target'] })(samples);
    const targets = batch.target as NdArray;
    const want = await readNpy(join(dir!, 'expected', 'collate_targets.npy'));
    const lengths = await readNpy(join(dir!, 'expected', 'collate_lengths.npy'));
    expect(targets.shape).toEqual(want.shape);
    expect(Array.from(targets.data as Float32Array)).toEqual(Array.from(want.data as Float32Array));
    expect(Array.from(batch.lengths as Int32Array)).toEqual(Array.from(lengths.data as BigInt64Array, Number));
  });
});
