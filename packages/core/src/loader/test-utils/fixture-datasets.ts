/**
 * Dataset, collate and hook factories that DataLoader tests load by module spec inside worker threads.
 * Not shipped (test-utils is excluded from the package files).
 */
import { threadId } from 'node:worker_threads';
import type { Collator } from '../../data/collator.js';
import type { Dataset, IterableDataset } from '../../data/dataset.js';
import { DataError } from '../../errors.js';
import { getWorkerInfo, type WorkerInfo } from '../worker-info.js';

const INIT = Symbol.for('mirkit-test/workerInit');

export interface ThreadItem {
  index: number;
  thread: number;
  initSeed: number;
  infoSeed: number;
}

/** Items record the thread that loaded them, the seed seen by `recordInit`, and the worker's current seed. */
export function threadDataset(options: { length: number }): Dataset<ThreadItem> {
  return {
    length: options.length,
    get(index) {
      const init = (globalThis as Record<symbol, WorkerInfo | undefined>)[INIT];
      return { index, thread: threadId, initSeed: init?.seed ?? -1, infoSeed: getWorkerInfo()?.seed ?? -1 };
    },
  };
}

/** workerInit hook: remembers the info it was called with. */
export function recordInit(info: WorkerInfo, options: { fail?: boolean } | undefined): void {
  if (options?.fail) throw new DataError('ERR_WORKER', `workerInit failed on purpose in worker ${info.id}`);
  (globalThis as Record<symbol, WorkerInfo | undefined>)[INIT] = info;
}

/** Async items that take `delayMs` to load. */
export function slowDataset(options: { length: number; delayMs: number }): Dataset<{ index: number }> {
  return {
    length: options.length,
    get: (index) => new Promise((resolve) => setTimeout(() => resolve({ index }), options.delayMs)),
  };
}

/** A stream of `{ value: i }` for `i < length`, sharded between workers with `getWorkerInfo()`. */
export function shardedStream(options: { length: number; failAt?: number }): IterableDataset<{ value: number }> {
  return {
    length: options.length,
    async *[Symbol.asyncIterator]() {
      const info = getWorkerInfo();
      const step = info?.numWorkers ?? 1;
      for (let i = info?.id ?? 0; i < options.length; i += step) {
        if (i === options.failAt) throw new DataError('ERR_DATASET_ITEM', `stream item ${i} fails on purpose`);
        yield { value: i };
      }
    },
  };
}

/** Collate factory: `{ values: Float64Array }` of `value * factor` (or `index * factor`). */
export function scaleCollate(options: { factor: number }): Collator<{ value?: number; index?: number }, { values: Float64Array }> {
  return (samples) => ({ values: Float64Array.from(samples, (s) => (s.value ?? s.index ?? 0) * options.factor) });
}

/** Not a factory: used to test error messages. */
export const notAFunction = 42;
