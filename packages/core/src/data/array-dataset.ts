import type { Dataset } from './dataset.js';
import { checkIndex } from './validate.js';

/**
 * A map-style dataset over an in-memory array (torch `TensorDataset`-like). The array is copied shallowly at
 * construction, so later pushes to the caller's array do not change `length`. `get` is synchronous and returns
 * the stored item itself (not a copy).
 */
export class ArrayDataset<T> implements Dataset<T> {
  readonly #items: readonly T[];

  constructor(items: Iterable<T> | ArrayLike<T>) {
    this.#items = Array.from(items as Iterable<T>);
  }

  get length(): number {
    return this.#items.length;
  }

  get(index: number): T {
    checkIndex(index, this.#items.length, 'ArrayDataset');
    return this.#items[index]!;
  }
}

/** Wraps an array (or any iterable) as a map-style {@link Dataset}. */
export function fromArray<T>(items: Iterable<T> | ArrayLike<T>): ArrayDataset<T> {
  return new ArrayDataset(items);
}
