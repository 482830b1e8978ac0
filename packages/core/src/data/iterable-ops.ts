import type { IterableDataset } from './dataset.js';

/**
 * Lazily maps a stream: `fn(item, position)` is applied as items are pulled. `length` is the source's
 * (unknown stays unknown).
 */
export function mapIterableDataset<T, U>(
  dataset: IterableDataset<T>,
  fn: (item: T, position: number) => U | Promise<U>,
): IterableDataset<U> {
  return {
    get length() {
      return dataset.length;
    },
    async *[Symbol.asyncIterator]() {
      let position = 0;
      for await (const item of dataset) yield await fn(item, position++);
    },
  };
}

/**
 * Lazily filters a stream: items for which `predicate(item, position)` is false are skipped. The resulting
 * `length` is `undefined` (unknown) for a finite source, and stays `Infinity` for an endless one.
 */
export function filterIterableDataset<T>(
  dataset: IterableDataset<T>,
  predicate: (item: T, position: number) => boolean | Promise<boolean>,
): IterableDataset<T> {
  return {
    get length() {
      return dataset.length === Infinity ? Infinity : undefined;
    },
    async *[Symbol.asyncIterator]() {
      let position = 0;
      for await (const item of dataset) {
        if (await predicate(item, position++)) yield item;
      }
    },
  };
}
