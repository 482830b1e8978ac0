import { ConfigError, DataError } from '@mirkit/core';
import type { PyjamaAtom, PyjamaEntry } from '../pyjama/types.js';
import type { Label } from './label-dictionary.js';

/** How a description becomes a target (tutorial `problem`). */
export type Problem = 'multiclass' | 'multilabel' | 'segment';

/** Options of {@link groundtruthItem}. */
export interface GroundtruthOptions {
  /** Frame times in seconds (`segment` only), e.g. `n·hop/sr` of the feature. */
  timeSec?: ArrayLike<number>;
  /**
   * Label of frames covered by no segment (`segment` only). Default: index 0, the first sorted label, as upstream
   * (quirk Q2 / T3); e.g. pass `'N:-'` to mark them "no chord".
   */
  uncoveredLabel?: Label;
}

function indexOf(labels: readonly Label[], value: unknown, where: string): number {
  const i = labels.indexOf(value as Label);
  if (i < 0 || Array.isArray(value)) {
    throw new DataError('ERR_LABEL_DICTIONARY', `${where}: value ${JSON.stringify(value)} is not in the label dictionary (${labels.length} labels)`, {
      details: { value, where },
    });
  }
  return i;
}

function scalarTime(atom: PyjamaAtom, field: 'time' | 'duration', where: string): number {
  const v = atom[field];
  if (typeof v !== 'number') {
    throw new DataError('ERR_LABEL_DICTIONARY', `${where}: a segment label needs a scalar '${field}', got ${JSON.stringify(v)}`, { details: { where } });
  }
  return v;
}

/**
 * The tutorial's `f_get_groundtruth_item(entry, annot_key, labels, problem, time_sec_v)`:
 * - `multiclass` → the index of the **first** atom's value (a number; upstream int64);
 * - `multilabel` → a multi-hot Float32Array of length `labels.length` (upstream float64, values 0/1);
 * - `segment` → an Int32Array over `timeSec`: frames with `time < t ≤ time + duration` (open left, closed right)
 *   get the segment's label index, later segments overwrite earlier ones, uncovered frames keep 0.
 *
 * @throws DataError `ERR_LABEL_DICTIONARY` for a missing key, an empty multiclass list or a value not in `labels`.
 */
export function groundtruthItem(entry: PyjamaEntry, key: string, labels: readonly Label[], problem: 'multiclass', options?: GroundtruthOptions): number;
export function groundtruthItem(entry: PyjamaEntry, key: string, labels: readonly Label[], problem: 'multilabel', options?: GroundtruthOptions): Float32Array;
export function groundtruthItem(entry: PyjamaEntry, key: string, labels: readonly Label[], problem: 'segment', options: GroundtruthOptions): Int32Array;
export function groundtruthItem(entry: PyjamaEntry, key: string, labels: readonly Label[], problem: Problem, options?: GroundtruthOptions): number | Float32Array | Int32Array;
export function groundtruthItem(
  entry: PyjamaEntry,
  key: string,
  labels: readonly Label[],
  problem: Problem,
  options: GroundtruthOptions = {},
): number | Float32Array | Int32Array {
  const atoms = entry[key];
  if (!atoms) throw new DataError('ERR_LABEL_DICTIONARY', `The entry has no '${key}' description`, { details: { key } });
  switch (problem) {
    case 'multiclass': {
      const first = atoms[0];
      if (!first) throw new DataError('ERR_LABEL_DICTIONARY', `'${key}' is empty: a multiclass target needs one atom`, { details: { key } });
      return indexOf(labels, first.value, `${key}[0].value`);
    }
    case 'multilabel': {
      const y = new Float32Array(labels.length);
      atoms.forEach((atom, j) => (y[indexOf(labels, atom.value, `${key}[${j}].value`)] = 1));
      return y;
    }
    case 'segment': {
      const times = options.timeSec;
      if (!times) throw new ConfigError('ERR_INVALID_OPTION', "A 'segment' target needs options.timeSec (the frame times of the feature)");
      const fill = options.uncoveredLabel === undefined ? 0 : indexOf(labels, options.uncoveredLabel, 'uncoveredLabel');
      const y = new Int32Array(times.length).fill(fill);
      atoms.forEach((atom, j) => {
        const where = `${key}[${j}]`;
        const label = indexOf(labels, atom.value, `${where}.value`);
        const start = scalarTime(atom, 'time', where);
        const end = start + scalarTime(atom, 'duration', where);
        for (let n = 0; n < times.length; n++) if (times[n]! > start && times[n]! <= end) y[n] = label;
      });
      return y;
    }
    default:
      throw new ConfigError('ERR_INVALID_OPTION', `problem should be 'multiclass', 'multilabel' or 'segment', but got ${JSON.stringify(problem)}`);
  }
}
