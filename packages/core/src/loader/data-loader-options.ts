import type { Collator } from '../data/collator.js';
import type { Dataset, IterableDataset } from '../data/dataset.js';
import type { BatchSamplerLike, Sampler } from '../data/sampler.js';
import type { CollateSpec } from './collate-spec.js';
import type { DatasetSpec, ModuleSpec } from './dataset-spec.js';
import type { ErrorPolicy, SkippedItem } from './fetch-batch.js';

/** Options of {@link DataLoader} (torch `DataLoader` arguments in camelCase, plus mirkit's worker specs). */
export interface DataLoaderOptions<T, B> {
  /**
   * A map-style dataset (`{ length, get(i) }`) or an `IterableDataset`. With `numWorkers > 0` the workers rebuild
   * it from a {@link DatasetSpec}: the `spec` option, or the spec recorded on the dataset by `withDatasetSpec`
   * (registry-made datasets and `createSyntheticDataset` carry one). A plain in-memory dataset without a spec
   * works only with `numWorkers: 0`.
   */
  dataset: Dataset<T> | IterableDataset<T>;
  /** How workers rebuild `dataset` (overrides a recorded spec). */
  spec?: DatasetSpec | undefined;
  /** Items per batch (default 1). `null` turns automatic batching off: items are yielded one by one, uncollated. */
  batchSize?: number | null | undefined;
  /** Reshuffle every epoch (map-style only). Epoch `e` is shuffled with `hashSeed(seed, e)`. */
  shuffle?: boolean | undefined;
  /** Index sampler (mutually exclusive with `shuffle`). Its `setEpoch` is called at the start of every epoch. */
  sampler?: Sampler | undefined;
  /** Yields whole index batches (mutually exclusive with batchSize, shuffle, sampler and dropLast). */
  batchSampler?: BatchSamplerLike | undefined;
  /**
   * Turns a list of items into a batch (default `defaultCollate`). With `numWorkers > 0` collation runs in the
   * workers, so it must be a {@link CollateSpec}: `'default'`, `'pad'`, `{ name, options }` or `{ module, export }`.
   */
  collate?: Collator<T, B> | CollateSpec | undefined;
  /** Drop the last incomplete batch (default false). */
  dropLast?: boolean | undefined;
  /** Seed of shuffling and of worker seeds (default 0: the same epochs on every run and machine). */
  seed?: number | undefined;
  /** Worker threads that load and collate batches (default 0: load in the calling thread). */
  numWorkers?: number | undefined;
  /** Batches loaded in advance by each worker (default 2; only with `numWorkers > 0`). */
  prefetchFactor?: number | undefined;
  /** Keep workers alive between epochs (terminated by `close()`; never keep the process alive when idle). */
  persistentWorkers?: boolean | undefined;
  /**
   * Called in each worker after its dataset is built, with `({ id, numWorkers, seed, epoch }, options)`:
   * `import(module)[export]`. Ignored with `numWorkers: 0` (like torch).
   */
  workerInit?: ModuleSpec | undefined;
  /**
   * Milliseconds to wait for a batch from a worker before failing with `ERR_WORKER` (default 0 = forever). Worker
   * start-up (building the dataset) is not counted; use `signal` to bound it.
   */
  timeout?: number | undefined;
  /** Aborting stops the epoch at once: workers are terminated and the loop throws `ERR_ABORTED`. */
  signal?: AbortSignal | undefined;
  /** `'raise'` (default): a throwing item ends the epoch with `ERR_DATASET_ITEM`; `'skip'`: drop it and go on. */
  errorPolicy?: ErrorPolicy | undefined;
  /** Called for every skipped item (under `errorPolicy: 'skip'`). */
  onSkip?: ((item: SkippedItem, epoch: number) => void) | undefined;
  /** Called when an epoch completes, with its {@link EpochReport}. */
  onEpochEnd?: ((report: EpochReport) => void) | undefined;
  /** Where workers resolve bare and relative module specifiers of specs (default: `process.cwd()` at construction). */
  resolveFrom?: string | undefined;
  /** Dataset name used in error messages (default: the spec's name, else the dataset's class name). */
  name?: string | undefined;
}

/** What happened in one epoch: `loader.lastEpochReport`, and the argument of `onEpochEnd`. */
export interface EpochReport {
  readonly epoch: number;
  /** `false` when the epoch ended early (break, error, abort). */
  readonly completed: boolean;
  readonly batches: number;
  readonly items: number;
  /** Items dropped under `errorPolicy: 'skip'`, with their causes, in delivery order. */
  readonly skipped: readonly SkippedItem[];
  /** Bytes of ArrayBuffers transferred from workers (0 with `numWorkers: 0`). */
  readonly bytesTransferred: number;
  readonly durationMs: number;
}
