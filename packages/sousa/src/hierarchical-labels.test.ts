import { requireFixtures } from '@mirkit/core/testing';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { groupBySample, isClean, strokesForMeasure } from './hierarchical-labels.js';
import { readMeasures, readSamples, readStrokes } from './label-tables.js';

const dir = requireFixtures('sousa');

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('hierarchical labels', () => {
  it('selects measure strokes by row position and validates the range', () => {
    expect(strokesForMeasure(['a', 'b', 'c'], { stroke_start: 1, stroke_end: 3 })).toEqual(['b', 'c']);
    expect(() => strokesForMeasure(['a'], { stroke_start: 0, stroke_end: 2 })).toThrow(/do not fit/);
    expect(isClean({ augmentation_preset: 'none' })).toBe(true);
    expect(isClean({ augmentation_preset: 'gym' })).toBe(false);
  });

  it.skipIf(!dir)('every measure row equals the statistics of its row-position chunk (buzz rudiments included)', async () => {
    const root = join(dir!, 'dataset');
    const strokes = groupBySample(await readStrokes(root, { columns: ['sample_id', 'index', 'timing_error_ms', 'actual_velocity'] }));
    const measures = await readMeasures(root);
    let byIndexValueWrong = 0;
    for (const m of measures) {
      const sample = strokes.get(m.sample_id)!;
      const chunk = strokesForMeasure(sample, m);
      const errors = chunk.map((s) => s.timing_error_ms);
      expect(mean(errors)).toBeCloseTo(m.timing_mean_error_ms, 9);
      expect(Math.max(...errors.map(Math.abs))).toBeCloseTo(m.timing_max_error_ms, 9);
      expect(mean(chunk.map((s) => s.actual_velocity))).toBeCloseTo(m.velocity_mean, 9);
      // upstream's selection by `index` value
      const byValue = sample.filter((s) => s.index >= m.stroke_start && s.index < m.stroke_end);
      if (byValue.length !== chunk.length || byValue.some((s, i) => s !== chunk[i])) byIndexValueWrong++;
    }
    expect(byIndexValueWrong).toBeGreaterThan(0); // the multiple_bounce_roll samples
    const samples = await readSamples(root, { columns: ['augmentation_preset'] });
    expect(samples.filter(isClean)).toHaveLength(0);
  });
});
