/**
 * Map-style dataset (torch `Dataset`): a known `length` and random access by index.
 * `get` may be sync or async. Items should be plain objects of numbers, strings and typed arrays / NdArrays,
 * so they can cross worker threads without copying.
 */
export interface Dataset<T> {
  readonly length: number;
  get(index: number): T | Promise<T>;
}

/**
 * Iterable-style dataset (torch `IterableDataset`): a stream of items. `length` is `undefined` when unknown and
 * `Infinity` when endless.
 */
export interface IterableDataset<T> extends AsyncIterable<T> {
  readonly length?: number | undefined;
}

/** Item type of a dataset. */
export type ItemOf<D> = D extends Dataset<infer T> ? T : D extends IterableDataset<infer T> ? T : never;

/** True when `value` looks like a map-style dataset. */
export function isDataset(value: unknown): value is Dataset<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as Dataset<unknown>).get === 'function' && typeof (value as Dataset<unknown>).length === 'number';
}

/** True when `value` is an async-iterable dataset. */
export function isIterableDataset(value: unknown): value is IterableDataset<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as IterableDataset<unknown>)[Symbol.asyncIterator] === 'function';
}
