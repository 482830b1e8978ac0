import { BatchSampler } from '../data/batch-sampler.js';
import { defaultCollate } from '../data/collate.js';
import type { Collator } from '../data/collator.js';
import { isDataset, isIterableDataset, type Dataset, type IterableDataset, type ItemOf } from '../data/dataset.js';
import { RandomSampler } from '../data/random-sampler.js';
import type { BatchSamplerLike, Sampler } from '../data/sampler.js';
import { SequentialSampler } from '../data/sequential-sampler.js';
import { assertBoolean, assertFiniteNumber, assertNonNegativeInt, assertOneOf, assertPositiveInt, show } from '../data/validate.js';
import { ConfigError, DataError, describeError, isMirError } from '../errors.js';
import type { Registry } from '../registry/registry.js';
import type { EntryOf, NameOf, OptionsOf, ProductOf } from '../registry/types.js';
import { buildDataset } from './build-dataset.js';
import { isCollateSpec, resolveCollate, validateCollateSpec, type CollateSpec } from './collate-spec.js';
import type { DataLoaderOptions, EpochReport } from './data-loader-options.js';
import {
  datasetSpecOf,
  describeDatasetSpec,
  looksLikeDatasetSpec,
  validateDatasetSpec,
  validateModuleSpec,
  type DatasetSpec,
  type PluginSpec,
} from './dataset-spec.js';
import { collateItems, fetchItems, readChunk, type ErrorPolicy, type SkippedItem } from './fetch-batch.js';
import { workerSeed } from './seeds.js';
import { deserializeError } from './serialize-error.js';
import type { WorkerInfo } from './worker-info.js';
import { WorkerPool, type TaskResult } from './worker-pool.js';
import type { WorkerInit } from './worker-protocol.js';

const BATCH_SAMPLER_EXCLUSIVE = 'batchSampler option is mutually exclusive with batchSize, shuffle, sampler, and dropLast';

/** Options of {@link DataLoader.fromSpec}: everything but the dataset, plus how to build the main thread's copy. */
export interface FromSpecOptions<T, B> extends Omit<DataLoaderOptions<T, B>, 'dataset' | 'spec'> {
  /** Build `{ loader }` specs on the main thread with this registry (default: a fresh one with core and the spec's plugins). */
  registry?: Registry | undefined;
}

/** Options of {@link DataLoader.fromRegistry}. */
export interface FromRegistryOptions<T, B> extends FromSpecOptions<T, B> {
  /** Plugins the workers `use()` to find the loader (`{ module: '@mirkit/sousa', export: 'sousa' }`). */
  plugins?: readonly PluginSpec[] | undefined;
}

interface Tally {
  epoch: number;
  batches: number;
  items: number;
  bytes: number;
  skipped: SkippedItem[];
}

/**
 * Iterates a dataset in batches (torch `torch.utils.data.DataLoader`): `for await (const batch of loader)`.
 *
 * - **Sampling** (map-style datasets): `shuffle`, `sampler` or `batchSampler`, batched by `batchSize` and `dropLast`,
 *   with torch's rules for which options combine. Every epoch calls `setEpoch(epoch)` on the samplers; with
 *   `shuffle`, epoch `e` is ordered by `hashSeed(seed, e)`, so epochs differ but every run repeats them.
 *   The epoch counter starts at 0 and advances after each iteration; `setEpoch(e)` sets it.
 * - **Workers** (`numWorkers > 0`): each worker thread rebuilds the dataset from its {@link DatasetSpec}, receives
 *   index batches round-robin (at most `prefetchFactor` outstanding per worker), fetches and collates them and
 *   transfers the batch's ArrayBuffers back. Batches are always delivered in sampler order, so `numWorkers: 2`
 *   yields exactly the batches of `numWorkers: 0`. Breaking out of the loop, throwing, or aborting terminates the
 *   workers at once; `persistentWorkers` keeps them between completed epochs, unreferenced while idle, until
 *   `close()`. Items given away by a worker must own their buffers (they are transferred, not copied).
 * - **Iterable datasets** run in the calling thread or, with workers, one stream per worker (each worker builds its
 *   own copy: shard with `getWorkerInfo()` or every item comes `numWorkers` times, as in torch); batches are taken
 *   from the workers in turn, skipping exhausted ones. `shuffle`, `sampler` and `batchSampler` are not allowed.
 * - **Errors**: a throwing item becomes `DataError('ERR_DATASET_ITEM')` naming dataset, index and cause (worker
 *   errors are re-created with their class, code, message and stack). `errorPolicy: 'skip'` drops such items
 *   instead and reports them in `lastEpochReport`, `onSkip` and `onEpochEnd` (or a process warning when neither
 *   callback is set).
 *
 * `length` follows torch: batches per epoch for map-style datasets; for iterable datasets derived from the
 * dataset's `length` (`undefined` when unknown).
 */
export class DataLoader<T = unknown, B = unknown> implements AsyncIterable<B> {
  readonly dataset: Dataset<T> | IterableDataset<T>;
  /** Spec the workers rebuild the dataset from (undefined: in-process only). */
  readonly spec: DatasetSpec | undefined;
  /** Dataset name in messages. */
  readonly name: string;
  /** `null` when automatic batching is off (`batchSize: null` or a `batchSampler`). */
  readonly batchSize: number | null;
  readonly dropLast: boolean;
  readonly seed: number;
  readonly numWorkers: number;
  /** Outstanding batches per worker (`undefined` with `numWorkers: 0`). */
  readonly prefetchFactor: number | undefined;
  readonly persistentWorkers: boolean;
  readonly timeout: number;
  readonly errorPolicy: ErrorPolicy;
  /** Index sampler (map-style datasets without a batchSampler). */
  readonly sampler: Sampler | undefined;
  /** Batch sampler in use (given, or built from `sampler`, `batchSize` and `dropLast`). */
  readonly batchSampler: BatchSamplerLike | undefined;
  /** Most recent epoch (completed or not), or `undefined` before the first. */
  lastEpochReport: EpochReport | undefined;

  readonly #options: DataLoaderOptions<T, B>;
  readonly #iterable: boolean;
  readonly #batched: boolean;
  readonly #collateSpec: CollateSpec | undefined;
  #collate: Collator<T, B> | undefined;
  readonly #resolveFrom: string;
  #epoch = 0;
  #pool: WorkerPool | undefined;
  #poolBusy = false;

  constructor(options: DataLoaderOptions<T, B>) {
    if (typeof options !== 'object' || options === null) {
      throw new ConfigError('ERR_INVALID_OPTION', `DataLoader options should be an object with at least { dataset }, but got ${show(options)}`);
    }
    const { dataset } = options;
    if (looksLikeDatasetSpec(dataset)) {
      throw new ConfigError('ERR_INVALID_OPTION', 'dataset is a spec, not a dataset: use `await DataLoader.fromSpec(spec, options)` (or DataLoader.fromRegistry) to build it');
    }
    const iterable = !isDataset(dataset);
    if (iterable && !isIterableDataset(dataset)) {
      throw new ConfigError('ERR_INVALID_OPTION', `dataset should be a map-style dataset ({ length, get(index) }) or an async iterable, but got ${show(dataset)}`);
    }
    this.dataset = dataset;
    this.#options = options;
    this.#iterable = iterable;

    const numWorkers = options.numWorkers ?? 0;
    if (typeof numWorkers !== 'number' || !Number.isSafeInteger(numWorkers) || numWorkers < 0) {
      throw new ConfigError('ERR_INVALID_OPTION', `numWorkers option should be a non-negative integer, but got ${show(numWorkers)}; use numWorkers=0 to load in the calling thread`);
    }
    const timeout = options.timeout ?? 0;
    if (typeof timeout !== 'number' || !(timeout >= 0) || timeout === Infinity) {
      throw new ConfigError('ERR_INVALID_OPTION', `timeout option should be non-negative (milliseconds), but got ${show(timeout)}`);
    }
    if (options.prefetchFactor !== undefined) {
      if (numWorkers === 0) {
        throw new ConfigError(
          'ERR_INVALID_OPTION',
          'prefetchFactor option could only be specified with worker threads. Let numWorkers > 0 to enable workers, otherwise leave prefetchFactor unset',
        );
      }
      assertPositiveInt('prefetchFactor', options.prefetchFactor);
    }
    const persistent = options.persistentWorkers ?? false;
    assertBoolean('persistentWorkers', persistent);
    if (persistent && numWorkers === 0) throw new ConfigError('ERR_INVALID_OPTION', 'persistentWorkers option needs numWorkers > 0');
    const seed = options.seed ?? 0;
    assertFiniteNumber('seed', seed);
    const errorPolicy = options.errorPolicy ?? 'raise';
    assertOneOf('errorPolicy', errorPolicy, ['raise', 'skip'] as const);
    const shuffle = options.shuffle ?? false;
    assertBoolean('shuffle', shuffle);
    const dropLast = options.dropLast ?? false;
    assertBoolean('dropLast', dropLast);
    if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) {
      throw new ConfigError('ERR_INVALID_OPTION', `signal should be an AbortSignal, but got ${show(options.signal)}`);
    }

    let batchSize: number | null = options.batchSize === undefined ? 1 : options.batchSize;
    if (iterable) {
      if (options.shuffle !== undefined && options.shuffle !== false) {
        throw new ConfigError('ERR_INVALID_OPTION', `DataLoader with IterableDataset: expected unspecified shuffle option, but got shuffle=${show(options.shuffle)}`);
      }
      if (options.sampler !== undefined) {
        throw new ConfigError('ERR_INVALID_OPTION', 'DataLoader with IterableDataset: expected unspecified sampler option, but got a sampler');
      }
      if (options.batchSampler !== undefined) {
        throw new ConfigError('ERR_INVALID_OPTION', 'DataLoader with IterableDataset: expected unspecified batchSampler option, but got a batchSampler');
      }
    }
    if (options.sampler !== undefined && shuffle) throw new ConfigError('ERR_INVALID_OPTION', 'sampler option is mutually exclusive with shuffle');
    if (options.batchSampler !== undefined) {
      if ((options.batchSize !== undefined && options.batchSize !== 1) || shuffle || options.sampler !== undefined || dropLast) {
        throw new ConfigError('ERR_INVALID_OPTION', BATCH_SAMPLER_EXCLUSIVE);
      }
      batchSize = null;
    } else if (batchSize === null) {
      if (dropLast) throw new ConfigError('ERR_INVALID_OPTION', 'batchSize=null option disables auto-batching and is mutually exclusive with dropLast');
    } else {
      assertPositiveInt('batchSize', batchSize);
    }
    this.#batched = options.batchSampler !== undefined || batchSize !== null;
    if (!this.#batched && options.collate !== undefined) {
      throw new ConfigError('ERR_INVALID_OPTION', 'collate option is not used when batchSize is null (automatic batching is off): items are yielded as they are');
    }

    // Samplers (map-style only).
    let sampler: Sampler | undefined;
    let batchSampler: BatchSamplerLike | undefined = options.batchSampler;
    if (!iterable && batchSampler === undefined) {
      sampler = options.sampler ?? (shuffle ? new RandomSampler(dataset as Dataset<T>, { seed }) : new SequentialSampler(dataset as Dataset<T>));
      if (batchSize !== null) batchSampler = new BatchSampler(sampler, batchSize, dropLast);
    }
    this.sampler = sampler;
    this.batchSampler = batchSampler;

    // Collation: a function runs here; a spec can run here or in workers.
    const collate = options.collate;
    if (collate !== undefined && typeof collate !== 'function') validateCollateSpec(collate);
    if (numWorkers > 0 && typeof collate === 'function') {
      throw new ConfigError(
        'ERR_INVALID_OPTION',
        "collate must be a CollateSpec when numWorkers > 0 (functions cannot be sent to worker threads): use 'default', 'pad', { name: 'pad', options } or { module, export, options }",
      );
    }
    this.#collateSpec = isCollateSpec(collate) ? collate : this.#batched ? 'default' : undefined;
    this.#collate = typeof collate === 'function' ? collate : collate === undefined && this.#batched ? (defaultCollate as Collator<T, B>) : undefined;

    // Worker spec.
    const spec = options.spec === undefined ? datasetSpecOf(dataset) : validateDatasetSpec(options.spec);
    if (numWorkers > 0 && spec === undefined) {
      throw new ConfigError(
        'ERR_INVALID_OPTION',
        'numWorkers > 0 needs a dataset spec so each worker can rebuild the dataset: a plain in-memory dataset works only with numWorkers 0. ' +
          "Use `await DataLoader.fromSpec({ loader: 'plugin/name', options, plugins } | { module, export, options }, …)`, DataLoader.fromRegistry(), " +
          'the spec option, or withDatasetSpec(dataset, spec)',
      );
    }
    if (options.workerInit !== undefined) validateModuleSpec(options.workerInit, 'workerInit');
    this.spec = spec;
    const className = (dataset as object).constructor?.name;
    this.name = options.name ?? (spec ? describeDatasetSpec(spec) : className && className !== 'Object' ? className : 'dataset');
    this.batchSize = batchSize;
    this.dropLast = dropLast;
    this.seed = seed;
    this.numWorkers = numWorkers;
    this.prefetchFactor = numWorkers > 0 ? (options.prefetchFactor ?? 2) : undefined;
    this.persistentWorkers = persistent;
    this.timeout = timeout;
    this.errorPolicy = errorPolicy;
    this.#resolveFrom = options.resolveFrom ?? process.cwd();
  }

  /**
   * A loader over the dataset a spec describes; the main thread builds its own copy with the same code as the
   * workers. `{ loader }` specs use `options.registry` when given.
   */
  static async fromSpec<T = unknown, B = unknown>(spec: DatasetSpec, options: FromSpecOptions<T, B> = {}): Promise<DataLoader<T, B>> {
    validateDatasetSpec(spec);
    const { registry, ...rest } = options;
    const dataset = (await buildDataset(spec, { resolveFrom: options.resolveFrom, registry })) as Dataset<T> | IterableDataset<T>;
    return new DataLoader<T, B>({ ...rest, dataset, spec });
  }

  /**
   * A loader over a registered loader: `await DataLoader.fromRegistry('core/synthetic', { length: 100 }, { numWorkers: 2 })`.
   * Workers build the dataset on a fresh registry with core and `options.plugins`.
   */
  static async fromRegistry<N extends NameOf<'loader'>, B = unknown>(
    name: N,
    datasetOptions: OptionsOf<EntryOf<'loader', N>>,
    options: FromRegistryOptions<ItemOf<ProductOf<EntryOf<'loader', N>>>, B> = {},
  ): Promise<DataLoader<ItemOf<ProductOf<EntryOf<'loader', N>>>, B>> {
    const { plugins, ...rest } = options;
    const spec: DatasetSpec = plugins === undefined ? { loader: name, options: datasetOptions } : { loader: name, options: datasetOptions, plugins };
    return DataLoader.fromSpec(spec, rest);
  }

  /**
   * Batches per epoch (torch `len(loader)`): the batch sampler's length, the sampler's when batching is off, and for
   * iterable datasets `ceil` (or `floor` with dropLast) of `dataset.length / batchSize` — `undefined` when the
   * dataset's length is unknown, `Infinity` when endless.
   */
  get length(): number | undefined {
    if (!this.#iterable) return this.batchSampler ? this.batchSampler.length : this.sampler!.length;
    const n = (this.dataset as IterableDataset<T>).length;
    if (n === undefined || !Number.isFinite(n) || this.batchSize === null) return n;
    return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }

  /** The epoch the next iteration uses. */
  get epoch(): number {
    return this.#epoch;
  }

  /** Sets the epoch of the next iteration (later iterations continue from it). */
  setEpoch(epoch: number): void {
    assertNonNegativeInt('epoch', epoch);
    this.#epoch = epoch;
  }

  /** Terminates persistent workers. The loader can still be iterated afterwards (workers are started again). */
  async close(): Promise<void> {
    const pool = this.#pool;
    this.#pool = undefined;
    await pool?.terminate();
  }

  /** `await using loader = new DataLoader(…)` closes persistent workers at the end of the scope. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  [Symbol.asyncIterator](): AsyncGenerator<B, void, undefined> {
    return this.#run();
  }

  async *#run(): AsyncGenerator<B, void, undefined> {
    const epoch = this.#epoch;
    this.#epoch = epoch + 1;
    this.#throwIfAborted();
    // A BatchSampler forwards setEpoch to its sampler.
    (this.batchSampler ?? this.sampler)?.setEpoch?.(epoch);
    const tally: Tally = { epoch, batches: 0, items: 0, bytes: 0, skipped: [] };
    const started = performance.now();
    let completed = false;
    try {
      if (this.numWorkers === 0) {
        yield* this.#iterable ? this.#runIterableInProcess(tally) : this.#runMapInProcess(tally);
      } else {
        yield* this.#runWorkers(tally);
      }
      completed = true;
    } finally {
      this.lastEpochReport = Object.freeze({
        epoch,
        completed,
        batches: tally.batches,
        items: tally.items,
        skipped: Object.freeze(tally.skipped),
        bytesTransferred: tally.bytes,
        durationMs: performance.now() - started,
      });
    }
    const report = this.lastEpochReport;
    if (report.skipped.length > 0 && !this.#options.onEpochEnd && !this.#options.onSkip) {
      const shown = report.skipped.slice(0, 10).map((s) => `${s.index} (${s.error.cause instanceof Error ? s.error.cause.message : describeError(s.error.cause)})`);
      process.emitWarning(
        `DataLoader skipped ${report.skipped.length} item(s) of dataset '${this.name}' in epoch ${epoch}: ${shown.join('; ')}${report.skipped.length > 10 ? '; …' : ''}`,
        { code: 'MIRKIT_SKIPPED_ITEMS' },
      );
    }
    this.#options.onEpochEnd?.(report);
  }

  #skip(tally: Tally, item: SkippedItem): void {
    tally.skipped.push(item);
    this.#options.onSkip?.(item, tally.epoch);
  }

  async #collator(): Promise<Collator<T, B>> {
    if (!this.#collate) {
      this.#collate = (await resolveCollate(this.#collateSpec!, { resolveFrom: this.#resolveFrom })) as Collator<T, B>;
    }
    return this.#collate;
  }

  async *#runMapInProcess(tally: Tally): AsyncGenerator<B, void, undefined> {
    const dataset = this.dataset as Dataset<T>;
    const collate = this.#batched ? await this.#collator() : undefined;
    for (const indices of this.#indexBatches()) {
      this.#throwIfAborted();
      const { items, skipped } = await this.#wait(fetchItems(dataset, indices, this.name, this.errorPolicy), undefined);
      for (const s of skipped) this.#skip(tally, s);
      if (items.length === 0) continue;
      const batch = collate ? collateItems(collate, items, indices, this.name) : (items[0] as unknown as B);
      tally.batches++;
      tally.items += items.length;
      yield batch;
    }
  }

  async *#runIterableInProcess(tally: Tally): AsyncGenerator<B, void, undefined> {
    const collate = this.#batched ? await this.#collator() : undefined;
    const size = this.batchSize ?? 1;
    const iterator = (this.dataset as IterableDataset<T>)[Symbol.asyncIterator]();
    let position = 0;
    let finished = false;
    try {
      while (!finished) {
        this.#throwIfAborted();
        let chunk: { items: T[]; done: boolean; emit: boolean };
        try {
          chunk = await readChunk(iterator, size, position, this.name, this.dropLast, (step) => this.#wait(step, undefined));
        } catch (error) {
          if (!(isMirError(error) && error.code === 'ERR_ABORTED')) finished = true; // a throwing iterator is done
          throw error;
        }
        finished = chunk.done;
        position += chunk.items.length;
        if (!chunk.emit) break;
        tally.batches++;
        tally.items += chunk.items.length;
        yield collate ? collateItems(collate, chunk.items, undefined, this.name) : (chunk.items[0] as unknown as B);
      }
    } finally {
      if (!finished) await iterator.return?.();
    }
  }

  *#indexBatches(): Iterable<readonly number[]> {
    if (this.batchSampler) {
      yield* this.batchSampler;
      return;
    }
    for (const i of this.sampler!) yield [i];
  }

  #workerInfos(epoch: number): WorkerInfo[] {
    return Array.from({ length: this.numWorkers }, (_, id) => ({ id, numWorkers: this.numWorkers, seed: workerSeed(this.seed, epoch, id), epoch }));
  }

  async #acquirePool(epoch: number): Promise<WorkerPool> {
    const infos = this.#workerInfos(epoch);
    if (this.#pool && !this.#pool.failed) {
      this.#pool.setEpoch(infos);
      return this.#pool;
    }
    const init: Omit<WorkerInit, 'info'> = {
      dataset: this.spec!,
      name: this.name,
      collate: this.#batched ? this.#collateSpec : undefined,
      batchSize: this.#iterable && this.batchSize !== null ? this.batchSize : undefined,
      dropLast: this.dropLast,
      errorPolicy: this.errorPolicy,
      workerInit: this.#options.workerInit,
      resolveFrom: this.#resolveFrom,
    };
    const pool = new WorkerPool(init, infos);
    try {
      // Start-up (building the dataset) is not subject to `timeout`, which bounds each batch (as in torch).
      const reports = await this.#wait(pool.ready(), undefined);
      const expected = this.#iterable ? 'iterable' : 'map';
      const mainLength = this.#iterable ? undefined : (this.dataset as Dataset<T>).length;
      for (const [id, r] of reports.entries()) {
        if (r.kind !== expected) {
          throw new ConfigError('ERR_INVALID_OPTION', `DataLoader worker ${id} rebuilt '${this.name}' as a ${r.kind}-style dataset, but the main thread's is ${expected}-style: the spec does not describe this dataset`);
        }
        if (mainLength !== undefined && r.length !== mainLength) {
          throw new ConfigError('ERR_INVALID_OPTION', `DataLoader worker ${id} rebuilt '${this.name}' with length ${r.length}, but the main thread's has length ${mainLength}: the spec does not describe this dataset`);
        }
      }
    } catch (error) {
      await pool.terminate();
      throw error;
    }
    if (this.persistentWorkers) this.#pool = pool;
    return pool;
  }

  async *#runWorkers(tally: Tally): AsyncGenerator<B, void, undefined> {
    if (this.persistentWorkers && this.#poolBusy) {
      throw new ConfigError('ERR_INVALID_OPTION', 'A DataLoader with persistentWorkers supports one iteration at a time: finish or break the running loop first');
    }
    this.#poolBusy = true;
    let pool: WorkerPool | undefined;
    const signal = this.#options.signal;
    const onAbort = (): void => void pool?.terminate();
    signal?.addEventListener('abort', onAbort, { once: true });
    let clean = false;
    try {
      pool = await this.#acquirePool(tally.epoch);
      pool.ref();
      const capacity = this.prefetchFactor! * this.numWorkers;
      const outstanding = new Map<number, { worker: number; result: Promise<TaskResult> }>();
      let sent = 0;
      let next = 0;
      const submit = (worker: number, result: Promise<TaskResult>): void => {
        result.catch(() => undefined); // awaited in order below; never unhandled meanwhile
        outstanding.set(sent++, { worker, result });
      };

      if (!this.#iterable) {
        const batches = this.#indexBatches()[Symbol.iterator]();
        let exhausted = false;
        const dispatch = (): void => {
          while (!exhausted && sent - next < capacity) {
            const r = batches.next();
            if (r.done) {
              exhausted = true;
              return;
            }
            const worker = sent % this.numWorkers;
            submit(worker, pool!.submit(worker, { type: 'batch', task: sent, indices: [...r.value] }));
          }
        };
        dispatch();
        while (next < sent) {
          const task = outstanding.get(next)!;
          const result = await this.#wait(task.result, () => `batch ${next} from worker ${task.worker}`);
          outstanding.delete(next++);
          dispatch();
          const batch = this.#accept(tally, result);
          if (batch.has) yield batch.value;
        }
      } else {
        // Like torch: cycle over worker ids, skipping those whose stream has ended.
        const active = new Array<boolean>(this.numWorkers).fill(true);
        let live = this.numWorkers;
        let cursor = 0;
        const dispatch = (): void => {
          while (live > 0 && sent - next < capacity) {
            while (!active[cursor % this.numWorkers]) cursor++;
            const worker = cursor++ % this.numWorkers;
            submit(worker, pool!.submit(worker, { type: 'next', task: sent }));
          }
        };
        dispatch();
        while (next < sent) {
          const task = outstanding.get(next)!;
          const result = await this.#wait(task.result, () => `batch ${next} from worker ${task.worker}`);
          outstanding.delete(next++);
          if (result.done && active[task.worker]) {
            active[task.worker] = false;
            live--;
          }
          dispatch();
          if (result.done) continue;
          const batch = this.#accept(tally, result);
          if (batch.has) yield batch.value;
        }
      }
      clean = true;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      this.#poolBusy = false;
      if (pool) {
        if (clean && this.persistentWorkers && this.#pool === pool) {
          pool.unref();
        } else {
          if (this.#pool === pool) this.#pool = undefined;
          await pool.terminate();
        }
      }
    }
  }

  #accept(tally: Tally, result: TaskResult): { has: true; value: B } | { has: false } {
    for (const s of result.skipped) {
      const error = deserializeError(s.error);
      this.#skip(tally, { index: s.index, error });
    }
    tally.bytes += result.bytes;
    if (result.count === 0) return { has: false };
    tally.batches++;
    tally.items += result.count;
    return { has: true, value: result.batch as B };
  }

  #abortError(): DataError {
    const reason: unknown = this.#options.signal?.reason;
    return new DataError('ERR_ABORTED', `DataLoader over '${this.name}' was aborted${reason instanceof Error ? `: ${reason.message}` : ''}`, { cause: reason });
  }

  #throwIfAborted(): void {
    if (this.#options.signal?.aborted) throw this.#abortError();
  }

  /** Awaits `promise`, failing early on abort and — for worker batches (`what` given) — after `timeout` ms. */
  #wait<R>(promise: Promise<R>, what: (() => string) | undefined): Promise<R> {
    const signal = this.#options.signal;
    const timeout = what ? this.timeout : 0;
    if (!signal && timeout === 0) return promise;
    if (signal?.aborted) return Promise.reject(this.#abortError());
    return new Promise<R>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const onAbort = (): void => {
        cleanup();
        reject(this.#abortError());
      };
      const cleanup = (): void => {
        if (timer !== undefined) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      if (timeout > 0) {
        timer = setTimeout(() => {
          cleanup();
          reject(new DataError('ERR_WORKER', `DataLoader timed out after ${timeout} ms waiting for ${what!()} (dataset '${this.name}')`, { details: { timeout } }));
        }, timeout);
      }
      promise.then(
        (v) => {
          cleanup();
          resolve(v);
        },
        (e: unknown) => {
          cleanup();
          reject(e);
        },
      );
    });
  }
}
