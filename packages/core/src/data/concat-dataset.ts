import type { Dataset } from './dataset.js';
import { checkIndex } from './validate.js';

/**
 * Concatenation of map-style datasets (torch `ConcatDataset`). Global index `i` maps to dataset `d` and local
 * index `i - cumulativeSizes[d - 1]`, where `d` is found by binary search over the cumulative sizes (torch's
 * `bisect_right`). Empty datasets are allowed and simply contribute nothing. `length` is the sum of the lengths,
 * read at construction (the parts must not change length afterwards).
 *
 * Unlike torch, negative indices are not wrapped: `get(-1)` throws `ERR_INDEX_OUT_OF_RANGE`.
 */
export class ConcatDataset<T> implements Dataset<T> {
  readonly datasets: readonly Dataset<T>[];
  /** `cumulativeSizes[d]` = total length of datasets `0 … d` (torch `cumulative_sizes`). */
  readonly cumulativeSizes: readonly number[];

  constructor(datasets: Iterable<Dataset<T>>) {
    this.datasets = [...datasets];
    const sizes: number[] = [];
    let total = 0;
    for (const d of this.datasets) {
      total += d.length;
      sizes.push(total);
    }
    this.cumulativeSizes = sizes;
  }

  get length(): number {
    return this.cumulativeSizes.at(-1) ?? 0;
  }

  /** `[datasetIndex, localIndex]` of a global index. */
  locate(index: number): [datasetIndex: number, localIndex: number] {
    checkIndex(index, this.length, 'ConcatDataset');
    // bisect_right: first d with cumulativeSizes[d] > index
    let lo = 0;
    let hi = this.cumulativeSizes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulativeSizes[mid]! > index) hi = mid;
      else lo = mid + 1;
    }
    return [lo, lo === 0 ? index : index - this.cumulativeSizes[lo - 1]!];
  }

  get(index: number): T | Promise<T> {
    const [d, local] = this.locate(index);
    return this.datasets[d]!.get(local);
  }
}

/** Concatenates datasets (see {@link ConcatDataset}). */
export function concat<T>(...datasets: Dataset<T>[]): ConcatDataset<T> {
  return new ConcatDataset(datasets);
}
