import { isMirError } from '@mirkit/core';
import { requireFixtures } from '@mirkit/core/testing';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readExercises, readMeasures, readSamples, readStrokes } from './label-tables.js';
import { readParquetColumns } from './read-parquet.js';

const dir = requireFixtures('sousa');
const root = dir ? join(dir, 'dataset') : '';
const tmp = mkdtempSync(join(tmpdir(), 'mirkit-sousa-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string; details: Record<string, unknown> }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isMirError(error)) throw new Error(`expected a MirError, got ${String(error)}`);
  return error;
}

describe.skipIf(!dir)('SOUSA label tables (fixture: 36 samples)', () => {
  it('reads samples.parquet with int64 → number and the all-null aug_* columns', async () => {
    const rows = await readSamples(root);
    expect(rows).toHaveLength(36);
    const first = rows[0]!;
    expect(first.sample_id).toBe('int000_single_stroke_four_180bpm_timgm6mb_concerthall');
    expect(first.tempo_bpm).toBe(180);
    expect(first.num_strokes).toBe(12);
    expect(first.midi_path).toBe('midi/single_stroke_four/int000_single_stroke_four_180bpm_timgm6mb_concerthall.mid');
    expect(first.aug_bit_depth).toBeNull();
    expect(rows.every((r) => r.aug_sample_rate === null)).toBe(true);
    const index = JSON.parse(readFileSync(join(root, 'index.json'), 'utf8')) as { sample_ids: string[] };
    expect(new Set(rows.map((r) => r.sample_id))).toEqual(new Set(index.sample_ids));
    const presets = rows.map((r) => r.augmentation_preset);
    expect(presets.filter((p) => p === 'concert_hall')).toHaveLength(21);
    expect(presets.filter((p) => p === 'gym')).toHaveLength(15);
  });

  it('projects columns: only the requested keys are decoded and returned', async () => {
    const rows = await readSamples(root, { columns: ['skill_tier', 'sample_id'] });
    expect(Object.keys(rows[0]!)).toEqual(['skill_tier', 'sample_id']);
    const tiers = rows.map((r) => r.skill_tier);
    expect(tiers.filter((t) => t === 'intermediate')).toHaveLength(18);
    expect(tiers.filter((t) => t === 'beginner')).toHaveLength(6);
  });

  it('reads exercises.parquet with nulls for the rudiment-specific scores', async () => {
    const rows = await readExercises(root);
    expect(rows).toHaveLength(36);
    expect(rows.filter((r) => r.flam_quality === null)).toHaveLength(30);
    expect(rows.filter((r) => r.diddle_quality === null)).toHaveLength(12);
    expect(rows.filter((r) => r.roll_sustain === null)).toHaveLength(18);
    expect(rows[0]!.overall_score).toBe(31.352115270238258);
  });

  it('reads measures.parquet and strokes.parquet (NaN kept for the float columns upstream stores with NaN)', async () => {
    const measures = await readMeasures(root);
    expect(measures).toHaveLength(161);
    expect(measures[0]).toMatchObject({ index: 0, stroke_start: 0, stroke_end: 4 });
    const strokes = await readStrokes(root);
    expect(strokes).toHaveLength(1024);
    expect(strokes[0]!.diddle_position).toBeNaN();
    expect(strokes[0]!.flam_spacing_ms).toBeNull();
    const samples = await readSamples(root, { columns: ['sample_id', 'num_strokes', 'num_measures', 'rudiment_slug'] });
    for (const s of samples) {
      expect(strokes.filter((r) => r.sample_id === s.sample_id)).toHaveLength(s.num_strokes);
      expect(measures.filter((r) => r.sample_id === s.sample_id)).toHaveLength(s.num_measures);
    }
    // buzz sub-strokes: grace notes with a parent and appended (non-monotonic) indices
    const buzz = strokes.filter((r) => r.sample_id.includes('multiple_bounce_roll') && r.parent_stroke_index >= 0);
    expect(buzz.length).toBeGreaterThan(0);
    expect(buzz.every((r) => r.is_grace_note)).toBe(true);
  });

  it('a file that is not parquet → FormatError ERR_PARQUET_SCHEMA naming the file', async () => {
    const file = join(tmp, 'garbage.parquet');
    writeFileSync(file, 'this is not parquet at all');
    const error = await failure(readParquetColumns(file, { a: { kind: 'int' } }));
    expect(error.code).toBe('ERR_PARQUET_SCHEMA');
    expect(error.message).toContain(file);
  });

  it('a missing column → ERR_PARQUET_SCHEMA naming the file and the column', async () => {
    const bad = join(tmp, 'wrong-table');
    mkdirSync(join(bad, 'labels'), { recursive: true });
    copyFileSync(join(root, 'labels', 'exercises.parquet'), join(bad, 'labels', 'samples.parquet'));
    const error = await failure(readSamples(bad));
    expect(error.code).toBe('ERR_PARQUET_SCHEMA');
    expect(error.message).toContain(join(bad, 'labels', 'samples.parquet'));
    expect(error.message).toContain("column 'profile_id'");
    expect(error.details).toMatchObject({ column: 'profile_id' });
  });

  it('a column of the wrong type or with a value outside its set → ERR_PARQUET_SCHEMA', async () => {
    const file = join(root, 'labels', 'samples.parquet');
    const typed = await failure(readParquetColumns(file, { tempo_bpm: { kind: 'string' } }));
    expect(typed.message).toMatch(/column 'tempo_bpm': expected string/);
    const oneOf = await failure(readParquetColumns(file, { skill_tier: { kind: 'string', oneOf: ['beginner'] } }));
    expect(oneOf.message).toMatch(/column 'skill_tier': row \d+: expected one of beginner, got 'intermediate'/);
    const nulls = await failure(readParquetColumns(file, { aug_bit_depth: { kind: 'int' } }));
    expect(nulls.message).toMatch(/aug_bit_depth/);
  });

  it('a missing file → DataError ERR_MISSING_FILE', async () => {
    const error = await failure(readStrokes(join(tmp, 'nowhere')));
    expect(error.code).toBe('ERR_MISSING_FILE');
    expect(error.message).toContain('strokes.parquet');
  });
});
