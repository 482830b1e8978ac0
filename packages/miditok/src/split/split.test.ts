import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMidi } from '../score/parse-midi.js';
import { noteCount, scoreEnd } from '../score/score.js';
import { FIXTURES } from '../test-utils/fixture-data.js';
import { tokenizerFromParams } from '../tokenizers/create-tokenizer.js';
import type { TokSequence } from '../tokenizers/tok-sequence.js';
import { getAverageNumTokensPerNote, splitFilesForTraining } from './split-files-for-training.js';

interface SplitFixture {
  files: string[];
  average_num_tokens_per_note: number;
  num_chunks: number;
  density_splits: { num_chunks: number; clips: [number, number][] }[];
  chunks: { chunk: string; tpq: number; markers: [number, string][]; tracks: [number, boolean, number][]; note_num: number; first_onset: number; end_tick: number; tokens_per_stream: number[] }[];
}

describe.skipIf(!FIXTURES)('splitFilesForTraining against MidiTok (fixtures data/split_*)', () => {
  it('finds the same tokens per note, tick ranges and chunks', async () => {
    const fx = JSON.parse(readFileSync(join(FIXTURES!, 'data', 'split_files_for_training.json'), 'utf8')) as SplitFixture;
    const tok = tokenizerFromParams(readFileSync(join(FIXTURES!, 'expected', 'remi_default', 'tokenizer.json'), 'utf8'));
    const files = fx.files.map((f) => join(FIXTURES!, 'midi', f));
    const tpn = await getAverageNumTokensPerNote(tok, files);
    expect(tpn).toBeCloseTo(fx.average_num_tokens_per_note, 12);
    const out = mkdtempSync(join(tmpdir(), 'miditok-split-'));
    const splits: [number, number][][] = [];
    const written = await splitFilesForTraining(files, tok, out, {
      maxSeqLen: 128,
      numOverlapBars: 1,
      minSeqLen: 32,
      onDensitySplit: (_f, _t, ticks) => splits.push(ticks),
    });
    expect(written.length).toBe(fx.num_chunks);
    expect(splits).toEqual(fx.density_splits.filter((d) => d.clips.length > 1).map((d) => d.clips));
    const byName = new Map(written.map((p) => [basename(p), p]));
    for (const c of fx.chunks) {
      const path = byName.get(c.chunk);
      expect(path, c.chunk).toBeDefined();
      const s = parseMidi(readFileSync(path!));
      expect(s.tpq).toBe(c.tpq);
      expect(s.markers.map((m) => [m.time, m.text])).toEqual(c.markers);
      expect(s.tracks.map((t) => [t.program, t.isDrum, t.notes.length])).toEqual(c.tracks);
      expect(noteCount(s)).toBe(c.note_num);
      expect(Math.min(...s.tracks.flatMap((t) => t.notes.map((n) => n.time)))).toBe(c.first_onset);
      expect(scoreEnd(s)).toBe(c.end_tick);
      const enc = tok.encode(s);
      expect((enc as TokSequence[]).map((q) => q.ids.length)).toEqual(c.tokens_per_stream);
    }
    // second call: served from the cache file
    expect(await splitFilesForTraining(files, tok, out, { maxSeqLen: 128 })).toEqual(written);
  }, 30_000);
});
