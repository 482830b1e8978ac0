import { isNdArray, type NdArray } from '../array/nd-array.js';
import { ConfigError } from '../errors.js';

/** Labels or scores, one per sample: a plain array, a typed array or a 1-D NdArray. */
export type Vector = ArrayLike<number> | NdArray;
/** Samples × classes/outputs: an array of rows or a 2-D NdArray. */
export type Matrix = readonly ArrayLike<number>[] | NdArray;

/** Reads a vector into a plain number array (BigInt64 NdArrays are converted). */
export function toVector(v: Vector, what: string): number[] {
  if (isNdArray(v)) {
    if (v.shape.length !== 1)
      throw new ConfigError(
        'ERR_SHAPE_MISMATCH',
        `${what} should be 1-D, but has shape [${v.shape.join(', ')}]`,
      );
    return Array.from(v.data as ArrayLike<number | bigint>, Number);
  }
  return Array.from(v, Number);
}

/** Reads a matrix into rows; a 1-D input becomes one column. */
export function toRows(m: Matrix | Vector, what: string): number[][] {
  if (isNdArray(m)) {
    if (m.shape.length === 1) return Array.from(m.data as ArrayLike<number | bigint>, (x) => [Number(x)]);
    if (m.shape.length !== 2)
      throw new ConfigError(
        'ERR_SHAPE_MISMATCH',
        `${what} should be 1-D or 2-D, but has shape [${m.shape.join(', ')}]`,
      );
    const [n, c] = m.shape as [number, number];
    const rows: number[][] = [];
    for (let i = 0; i < n; i++)
      rows.push(
        Array.from(m.data as ArrayLike<number | bigint> as ArrayLike<number>, Number).slice(
          i * c,
          (i + 1) * c,
        ),
      );
    return rows;
  }
  const arr = m as ArrayLike<unknown>;
  if (arr.length > 0 && typeof arr[0] === 'number') return Array.from(arr as ArrayLike<number>, (x) => [x]);
  const rows = Array.from(arr as ArrayLike<ArrayLike<number>>, (r) => Array.from(r, Number));
  const width = rows[0]?.length ?? 0;
  rows.forEach((r, i) => {
    if (r.length !== width)
      throw new ConfigError(
        'ERR_SHAPE_MISMATCH',
        `${what}: row ${i} has ${r.length} columns, row 0 has ${width}`,
      );
  });
  return rows;
}

export function assertSameLength(a: { length: number }, b: { length: number }, what: string): void {
  if (a.length !== b.length) {
    throw new ConfigError(
      'ERR_SHAPE_MISMATCH',
      `${what}: inconsistent numbers of samples: ${a.length} vs ${b.length}`,
    );
  }
}

/** Sorted unique values (sklearn's `unique_labels` for integer labels). */
export function uniqueSorted(...arrays: readonly number[][]): number[] {
  return [...new Set(arrays.flat())].sort((x, y) => x - y);
}
