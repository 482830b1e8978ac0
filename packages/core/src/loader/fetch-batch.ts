import type { Collator } from '../data/collator.js';
import type { Dataset } from '../data/dataset.js';
import { isPromiseLike } from '../data/validate.js';
import { DataError, describeError, isMirError } from '../errors.js';

/** What happens when a dataset item throws: `'raise'` (default) stops the epoch; `'skip'` drops the item. */
export type ErrorPolicy = 'raise' | 'skip';

/** An item dropped under `errorPolicy: 'skip'`. */
export interface SkippedItem {
  /** Dataset index (map-style) or position in the stream (iterable). */
  readonly index: number;
  /** The `DataError('ERR_DATASET_ITEM')` naming dataset and index, with the original error as `cause`. */
  readonly error: Error;
}

/** `DataError('ERR_DATASET_ITEM')`: "Dataset 'name' failed to load item 5: <cause>", with `cause` chained. */
function itemError(dataset: string, index: number, cause: unknown, what = 'load item'): DataError {
  return new DataError('ERR_DATASET_ITEM', `Dataset '${dataset}' failed to ${what} ${index}: ${describeError(cause)}`, {
    cause,
    details: { dataset, index },
  });
}

/**
 * Fetches `indices` from a map-style dataset. Sync and async `get` both work; async gets of one batch run
 * concurrently, and items keep the order of `indices`. Under `'raise'` the first failing index (in batch order)
 * throws an {@link itemError}; under `'skip'` failures are returned in `skipped` and left out of `items`.
 */
export async function fetchItems<T>(
  dataset: Dataset<T>,
  indices: readonly number[],
  name: string,
  policy: ErrorPolicy,
): Promise<{ items: T[]; skipped: SkippedItem[] }> {
  const values: unknown[] = new Array(indices.length);
  const failed: (unknown[] | undefined)[] = new Array(indices.length);
  let pending: Promise<void>[] | undefined;
  for (let k = 0; k < indices.length; k++) {
    try {
      const v = dataset.get(indices[k]!);
      if (isPromiseLike(v)) {
        (pending ??= []).push(
          Promise.resolve(v).then(
            (x) => void (values[k] = x),
            (e: unknown) => void (failed[k] = [e]),
          ),
        );
      } else {
        values[k] = v;
      }
    } catch (error) {
      failed[k] = [error];
      if (policy === 'raise' && !pending) break;
    }
  }
  if (pending) await Promise.all(pending);
  const items: T[] = [];
  const skipped: SkippedItem[] = [];
  for (let k = 0; k < indices.length; k++) {
    const f = failed[k];
    if (f) {
      const error = itemError(name, indices[k]!, f[0]);
      if (policy === 'raise') throw error;
      skipped.push({ index: indices[k]!, error });
    } else if (k in values) {
      items.push(values[k] as T);
    }
  }
  return { items, skipped };
}

/** Runs a collator, wrapping a non-mirkit failure as `DataError('ERR_COLLATE')` naming the batch's indices. */
export function collateItems<T, B>(collate: Collator<T, B>, items: readonly T[], indices: readonly number[] | undefined, dataset: string): B {
  try {
    return collate(items);
  } catch (error) {
    if (isMirError(error) && error.code === 'ERR_COLLATE') throw error;
    const where = indices ? ` (indices ${abbreviate(indices)})` : '';
    throw new DataError('ERR_COLLATE', `Collating a batch of ${items.length} item(s) from dataset '${dataset}'${where} failed: ${describeError(error)}`, {
      cause: error,
      details: { dataset, ...(indices ? { indices: [...indices] } : {}) },
    });
  }
}

function abbreviate(indices: readonly number[]): string {
  return indices.length <= 8 ? indices.join(', ') : `${indices.slice(0, 8).join(', ')}, … (${indices.length} in all)`;
}

/**
 * Reads up to `size` items from an iterable dataset's iterator (`next` may wrap each step, e.g. for abort). A
 * failing step becomes an {@link itemError} ("failed to produce item <position>"); `ERR_ABORTED` passes through.
 * Returns the items, whether the stream ended, and whether to emit them (not when empty, nor a short last batch
 * under `dropLast`).
 */
export async function readChunk<T>(
  iterator: AsyncIterator<T>,
  size: number,
  position: number,
  dataset: string,
  dropLast: boolean,
  next: (step: Promise<IteratorResult<T>>) => Promise<IteratorResult<T>> = (step) => step,
): Promise<{ items: T[]; done: boolean; emit: boolean }> {
  const items: T[] = [];
  let done = false;
  while (items.length < size) {
    let r: IteratorResult<T>;
    try {
      r = await next(iterator.next());
    } catch (error) {
      if (isMirError(error) && error.code === 'ERR_ABORTED') throw error;
      throw itemError(dataset, position + items.length, error, 'produce item');
    }
    if (r.done) {
      done = true;
      break;
    }
    items.push(r.value);
  }
  return { items, done, emit: items.length > 0 && !(done && dropLast && items.length < size) };
}
