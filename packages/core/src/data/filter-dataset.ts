import type { Dataset } from './dataset.js';
import { Subset } from './subset.js';

/**
 * Keeps the items of a map-style dataset for which `predicate(item, index)` is true.
 *
 * A map-style dataset must know its length up front, so this makes **one full pass over the source** (calling
 * `get` for every index, in order, awaiting async items) and returns a {@link Subset} of the kept indices.
 * The cost is one read of every item; the result stores only the indices. For streams use
 * {@link filterIterableDataset}, which filters lazily.
 */
export async function filterDataset<T>(
  dataset: Dataset<T>,
  predicate: (item: T, index: number) => boolean | Promise<boolean>,
): Promise<Subset<T>> {
  const kept: number[] = [];
  for (let i = 0; i < dataset.length; i++) {
    if (await predicate(await dataset.get(i), i)) kept.push(i);
  }
  return new Subset(dataset, kept);
}
