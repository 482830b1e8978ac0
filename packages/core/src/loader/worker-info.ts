const KEY = Symbol.for('@mirkit/core/workerInfo');

/** What a DataLoader worker thread knows about itself (torch `get_worker_info()`). */
export interface WorkerInfo {
  /** Worker id, `0 … numWorkers-1`. */
  readonly id: number;
  readonly numWorkers: number;
  /** Seed of this worker for the current epoch: `hashSeed(seed, epoch, id)`. */
  readonly seed: number;
  /** Epoch being loaded (persistent workers see it change). */
  readonly epoch: number;
}

/**
 * Inside a DataLoader worker thread: the worker's {@link WorkerInfo}; on the main thread: `undefined`.
 *
 * Use it in a dataset factory or an `IterableDataset` to shard work between workers (torch's recipe):
 * `const info = getWorkerInfo(); for (let i = info?.id ?? 0; i < n; i += info?.numWorkers ?? 1) yield …`.
 * Stored on `globalThis` under a `Symbol.for` key, so every copy of core (ESM, CJS, source) sees the same value.
 */
export function getWorkerInfo(): WorkerInfo | undefined {
  return (globalThis as Record<symbol, WorkerInfo | undefined>)[KEY];
}

/** @internal Set by the worker entry. */
export function setWorkerInfo(info: WorkerInfo): void {
  (globalThis as Record<symbol, WorkerInfo | undefined>)[KEY] = Object.freeze({ ...info });
}
