import type { Dataset } from './dataset.js';
import { checkIndex, isPromiseLike } from './validate.js';

/**
 * A lazy view that applies `fn(item, index)` to each item of a map-style dataset on access (torch-style
 * `map`). `length` is the source's. When both the source's `get` and `fn` are synchronous, `get` stays
 * synchronous; otherwise it returns a promise. `fn` runs on every access (no caching).
 */
export class MappedDataset<T, U> implements Dataset<U> {
  readonly dataset: Dataset<T>;
  readonly #fn: (item: T, index: number) => U | Promise<U>;

  constructor(dataset: Dataset<T>, fn: (item: T, index: number) => U | Promise<U>) {
    this.dataset = dataset;
    this.#fn = fn;
  }

  get length(): number {
    return this.dataset.length;
  }

  get(index: number): U | Promise<U> {
    checkIndex(index, this.dataset.length, 'MappedDataset');
    const item = this.dataset.get(index);
    return isPromiseLike(item) ? Promise.resolve(item).then((v) => this.#fn(v, index)) : this.#fn(item, index);
  }
}

/** Maps every item of a map-style dataset through `fn` (see {@link MappedDataset}). */
export function mapDataset<T, U>(dataset: Dataset<T>, fn: (item: T, index: number) => U | Promise<U>): MappedDataset<T, U> {
  return new MappedDataset(dataset, fn);
}
