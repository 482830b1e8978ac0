import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMidi } from '../score/parse-midi.js';
import type { Score } from '../score/score.js';
import { FIXTURES, readGzJson } from '../test-utils/fixture-data.js';
import { augmentDataset } from './augment-dataset.js';
import { augmentScore } from './augment-score.js';

interface ScoreNotes {
  tpq: number;
  tracks: { program: number; is_drum: boolean; notes: number[][] }[];
}
interface AugFixture {
  files: string[];
  augment_score: Record<string, { original: ScoreNotes; variants: { kwargs: Record<string, number>; result: ScoreNotes }[] }>;
  augment_dataset: { report: Record<string, unknown>; outputs: Record<string, ScoreNotes> };
}

const notesOf = (s: Score): ScoreNotes => ({
  tpq: s.tpq,
  tracks: s.tracks.map((t) => ({ program: t.program, is_drum: t.isDrum, notes: t.notes.map((n) => [n.time, n.duration, n.pitch, n.velocity]) })),
});

describe.skipIf(!FIXTURES)('augmentation against MidiTok (fixtures data/augmentation)', () => {
  const fx = FIXTURES ? readGzJson<AugFixture>(join(FIXTURES, 'data', 'augmentation.json.gz')) : undefined;

  it('augmentScore gives MidiTok results for pitch, velocity and duration offsets', () => {
    for (const file of fx!.files) {
      const score = parseMidi(readFileSync(join(FIXTURES!, 'midi', file)));
      expect(notesOf(score)).toEqual(fx!.augment_score[file]!.original);
      for (const v of fx!.augment_score[file]!.variants) {
        const k = v.kwargs;
        const got = augmentScore(score, { pitchOffset: k.pitch_offset ?? 0, velocityOffset: k.velocity_offset ?? 0, durationOffset: k.duration_offset ?? 0 });
        expect(notesOf(got), `${file} ${JSON.stringify(k)}`).toEqual(v.result);
      }
    }
  });

  it('augmentDataset writes the same files and report', async () => {
    const work = mkdtempSync(join(tmpdir(), 'miditok-aug-'));
    const data = join(work, 'data');
    mkdirSync(data);
    for (const f of fx!.files) copyFileSync(join(FIXTURES!, 'midi', f), join(data, f.split('/')[1]!));
    const report = await augmentDataset(data, { pitchOffsets: [-2, 2], velocityOffsets: [-4, 4], durationOffsets: [-0.5, 0.5], outPath: join(work, 'out') });
    expect(report).toEqual(fx!.augment_dataset.report);
    const names = readdirSync(join(work, 'out')).filter((n) => n.endsWith('.mid')).sort();
    expect(names).toEqual(Object.keys(fx!.augment_dataset.outputs).sort());
    for (const name of names) {
      const s = parseMidi(readFileSync(join(work, 'out', name)));
      expect(notesOf(s), name).toEqual(fx!.augment_dataset.outputs[name]);
    }
  });
});
