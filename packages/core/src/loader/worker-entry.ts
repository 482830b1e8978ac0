/**
 * Entry of a DataLoader worker thread (built as `dist/data-loader-worker.js`; run from source through tsx in
 * tests). It rebuilds the dataset and collator from their specs, then answers the main thread's tasks in order:
 * `batch` (fetch these indices, collate, send back), `next` (iterable datasets: the next batch of the stream)
 * and `epoch` (persistent workers: new seed and epoch, restart the stream). Batches go back with their
 * ArrayBuffers transferred.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Collator } from '../data/collator.js';
import { isDataset, type Dataset, type IterableDataset } from '../data/dataset.js';
import { ConfigError } from '../errors.js';
import { buildDataset, importExport, type BuildDatasetOptions } from './build-dataset.js';
import { resolveCollate } from './collate-spec.js';
import { collateItems, fetchItems, readChunk } from './fetch-batch.js';
import { serializeError } from './serialize-error.js';
import { postResult } from './transfer.js';
import { setWorkerInfo, type WorkerInfo } from './worker-info.js';
import type { FromWorker, SerializedSkip, ToWorker, WorkerInit } from './worker-protocol.js';

const port = parentPort;
if (!port) throw new ConfigError('ERR_INVALID_OPTION', 'The DataLoader worker entry must run inside a worker thread');
const init = workerData as WorkerInit;
setWorkerInfo(init.info);

const buildOptions: BuildDatasetOptions = {
  resolveFrom: init.resolveFrom,
  esmResolve: (specifier, parent) => import.meta.resolve(specifier, parent),
};

let dataset: Dataset<unknown> | IterableDataset<unknown>;
let collate: Collator<unknown, unknown> | undefined;
let iterator: AsyncIterator<unknown> | undefined;
let exhausted = false;
let position = 0;

const send = (message: FromWorker): void => port.postMessage(message);

async function start(): Promise<boolean> {
  try {
    dataset = await buildDataset(init.dataset, buildOptions);
    collate = init.collate === undefined ? undefined : await resolveCollate(init.collate, buildOptions);
    if (init.workerInit) {
      const hook = await importExport(init.workerInit, 'workerInit', buildOptions);
      if (typeof hook !== 'function') {
        throw new ConfigError('ERR_INVALID_OPTION', `workerInit: export '${init.workerInit.export}' of '${init.workerInit.module}' should be a function, but got ${typeof hook}`);
      }
      await (hook as (info: WorkerInfo, options: unknown) => unknown)(init.info, init.workerInit.options);
    }
    send(isDataset(dataset) ? { type: 'ready', kind: 'map', length: dataset.length } : { type: 'ready', kind: 'iterable', length: dataset.length });
    return true;
  } catch (error) {
    send({ type: 'init-error', error: serializeError(error) });
    return false;
  }
}

async function runBatch(task: number, indices: readonly number[]): Promise<void> {
  const { items, skipped } = await fetchItems(dataset as Dataset<unknown>, indices, init.name, init.errorPolicy);
  const serialized: SerializedSkip[] = skipped.map((s) => ({ index: s.index, error: serializeError(s.error) }));
  if (items.length === 0) {
    postResult(port!, task, undefined, 0, serialized);
    return;
  }
  const batch = collate ? collateItems(collate, items, indices, init.name) : items[0];
  postResult(port!, task, batch, items.length, serialized);
}

async function runNext(task: number): Promise<void> {
  if (exhausted) {
    send({ type: 'done', task });
    return;
  }
  iterator ??= (dataset as IterableDataset<unknown>)[Symbol.asyncIterator]();
  const size = init.batchSize ?? 1;
  const { items, done, emit } = await readChunk(iterator, size, position, init.name, init.dropLast);
  position += items.length;
  exhausted = done;
  if (!emit) {
    exhausted = true;
    send({ type: 'done', task });
    return;
  }
  const batch = collate ? collateItems(collate, items, undefined, init.name) : items[0];
  postResult(port!, task, batch, items.length, []);
}

async function resetStream(info: WorkerInfo): Promise<void> {
  setWorkerInfo(info);
  const old = iterator;
  iterator = undefined;
  exhausted = false;
  position = 0;
  await old?.return?.();
}

async function handle(message: ToWorker): Promise<void> {
  if (message.type === 'epoch') {
    await resetStream(message.info);
    return;
  }
  try {
    if (message.type === 'batch') await runBatch(message.task, message.indices);
    else await runNext(message.task);
  } catch (error) {
    send({ type: 'error', task: message.task, error: serializeError(error) });
  }
}

// Tasks are answered strictly in arrival order; messages that arrive during start-up wait for it.
let queue: Promise<unknown> = start();
port.on('message', (message: ToWorker) => {
  queue = queue.then((ok) => (ok === false ? false : handle(message).then(() => true)));
});
