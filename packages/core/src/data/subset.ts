import type { Dataset } from './dataset.js';
import { checkIndex, show } from './validate.js';
import { ConfigError } from '../errors.js';

/**
 * A view of a dataset at the given indices (torch `Subset`). `subset.get(i)` is `dataset.get(indices[i])`;
 * `length` is `indices.length`. Indices are validated against the source length at construction (torch defers
 * this to access time), and may repeat.
 */
export class Subset<T> implements Dataset<T> {
  readonly dataset: Dataset<T>;
  readonly indices: readonly number[];

  constructor(dataset: Dataset<T>, indices: Iterable<number> | ArrayLike<number>) {
    this.dataset = dataset;
    const list = Array.from(indices as Iterable<number>);
    for (const [position, index] of list.entries()) {
      if (!Number.isInteger(index) || index < 0 || index >= dataset.length) {
        throw new ConfigError(
          'ERR_INDEX_OUT_OF_RANGE',
          `Subset index ${show(index)} at position ${position} is out of range for a dataset of length ${dataset.length}`,
          { details: { index, position, length: dataset.length } },
        );
      }
    }
    this.indices = list;
  }

  get length(): number {
    return this.indices.length;
  }

  get(index: number): T | Promise<T> {
    checkIndex(index, this.indices.length, 'Subset');
    return this.dataset.get(this.indices[index]!);
  }
}

/** A view of `dataset` at `indices` (see {@link Subset}). */
export function subset<T>(dataset: Dataset<T>, indices: Iterable<number> | ArrayLike<number>): Subset<T> {
  return new Subset(dataset, indices);
}
