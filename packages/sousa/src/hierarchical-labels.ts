import { ConfigError } from '@mirkit/core';
import type { MeasureRow, SampleRow } from './types.js';

/** Groups rows by `sample_id`, keeping file order within each group. */
export function groupBySample<R extends { sample_id: string }>(rows: readonly R[]): Map<string, R[]> {
  const groups = new Map<string, R[]>();
  for (const row of rows) {
    let group = groups.get(row.sample_id);
    if (!group) groups.set(row.sample_id, (group = []));
    group.push(row);
  }
  return groups;
}

/**
 * The stroke rows of one measure chunk: rows `[stroke_start, stroke_end)` of the sample's stroke rows in file
 * order. Upstream `HierarchicalLabels.get_strokes_for_measure` filters by the `index` value instead, which picks
 * the wrong strokes for buzz rudiments whose sub-strokes get appended indices (sousa.md §4, Q15 — fixed here).
 *
 * @throws ConfigError `ERR_INVALID_OPTION` when the chunk does not fit the sample's stroke rows.
 */
export function strokesForMeasure<S>(sampleStrokes: readonly S[], measure: Pick<MeasureRow, 'stroke_start' | 'stroke_end'>): S[] {
  const { stroke_start: start, stroke_end: end } = measure;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > sampleStrokes.length) {
    throw new ConfigError('ERR_INVALID_OPTION', `Measure rows [${start}, ${end}) do not fit a sample with ${sampleStrokes.length} stroke rows`, {
      details: { start, end, strokes: sampleStrokes.length },
    });
  }
  return sampleStrokes.slice(start, end);
}

/**
 * True for an unaugmented sample: `augmentation_preset` null or `"none"`. With the default generator every sample
 * has a preset, so this is usually false for all rows (sousa.md Q19).
 */
export function isClean(row: Pick<SampleRow, 'augmentation_preset'> | { augmentation_preset: string | null }): boolean {
  return row.augmentation_preset === null || row.augmentation_preset === 'none';
}
