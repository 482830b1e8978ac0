import type { Worker } from 'node:worker_threads';
import { DataError, describeError } from '../errors.js';
import { deserializeError } from './serialize-error.js';
import { isTypeScriptModule, spawnWorker } from './spawn-worker.js';
import type { WorkerInfo } from './worker-info.js';
import type { FromWorker, SerializedSkip, ToWorker, WorkerInit } from './worker-protocol.js';

/** A finished task: a batch (absent when all its items were skipped) or the end of an iterable stream. */
export interface TaskResult {
  readonly done: boolean;
  readonly batch?: unknown;
  readonly count: number;
  readonly skipped: readonly SerializedSkip[];
  readonly bytes: number;
}

interface Pending {
  resolve(result: TaskResult): void;
  reject(error: unknown): void;
}

interface Slot {
  readonly id: number;
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
  /** Set once the worker cannot answer any more (crash, init error, termination). */
  failure: Error | undefined;
  ready: Promise<{ kind: 'map' | 'iterable'; length: number | undefined }>;
}

/**
 * `numWorkers` DataLoader worker threads. Tasks are posted to a chosen worker and answered in order by it; the
 * DataLoader decides the round-robin and delivery order. A crash or init error rejects the worker's pending
 * tasks with a `DataError('ERR_WORKER')` (the worker's own error re-created as `cause`).
 */
export class WorkerPool {
  readonly size: number;
  readonly #slots: Slot[] = [];
  #terminated = false;

  constructor(init: Omit<WorkerInit, 'info'>, infos: readonly WorkerInfo[]) {
    this.size = infos.length;
    const typescript = specModules(init).some(isTypeScriptModule);
    for (const info of infos) this.#slots.push(this.#spawn(init, info, typescript));
  }

  #spawn(init: Omit<WorkerInit, 'info'>, info: WorkerInfo, typescript: boolean): Slot {
    const worker = spawnWorker({ ...init, info } satisfies WorkerInit, { name: `mirkit-data-loader-${info.id}`, typescript, resolveFrom: init.resolveFrom });
    let onReady!: (v: { kind: 'map' | 'iterable'; length: number | undefined }) => void;
    let onInitError!: (e: unknown) => void;
    const ready = new Promise<{ kind: 'map' | 'iterable'; length: number | undefined }>((res, rej) => {
      onReady = res;
      onInitError = rej;
    });
    ready.catch(() => undefined);
    const slot: Slot = { id: info.id, worker, pending: new Map(), failure: undefined, ready };
    const fail = (error: Error): void => {
      if (slot.failure) return;
      slot.failure = error;
      onInitError(error);
      for (const p of slot.pending.values()) p.reject(error);
      slot.pending.clear();
    };
    worker.on('message', (message: FromWorker) => {
      switch (message.type) {
        case 'ready':
          onReady({ kind: message.kind, length: message.length });
          return;
        case 'init-error': {
          const cause = deserializeError(message.error);
          fail(new DataError('ERR_WORKER', `DataLoader worker ${info.id} could not set up dataset '${init.name}': ${describeError(cause)}`, { cause, details: { worker: info.id } }));
          return;
        }
        case 'error':
        case 'result':
        case 'done': {
          const p = slot.pending.get(message.task);
          if (!p) return;
          slot.pending.delete(message.task);
          if (message.type === 'error') p.reject(deserializeError(message.error));
          else if (message.type === 'done') p.resolve({ done: true, count: 0, skipped: [], bytes: 0 });
          else p.resolve({ done: false, batch: message.batch, count: message.count, skipped: message.skipped, bytes: message.bytes });
          return;
        }
      }
    });
    worker.on('error', (error) => {
      fail(new DataError('ERR_WORKER', `DataLoader worker ${info.id} crashed: ${describeError(error)}`, { cause: error, details: { worker: info.id } }));
    });
    worker.on('exit', (code) => {
      fail(new DataError('ERR_WORKER', `DataLoader worker ${info.id} exited unexpectedly (exit code ${code})`, { details: { worker: info.id, exitCode: code } }));
    });
    return slot;
  }

  /** Waits until every worker has built its dataset; returns what they report. */
  async ready(): Promise<{ kind: 'map' | 'iterable'; length: number | undefined }[]> {
    return Promise.all(this.#slots.map((s) => s.ready));
  }

  /** Posts a task to worker `id`; resolves with its result or rejects with its (re-created) error. */
  submit(id: number, message: Extract<ToWorker, { task: number }>): Promise<TaskResult> {
    const slot = this.#slots[id]!;
    if (slot.failure) return Promise.reject(slot.failure);
    const promise = new Promise<TaskResult>((resolve, reject) => slot.pending.set(message.task, { resolve, reject }));
    slot.worker.postMessage(message);
    return promise;
  }

  /** Persistent workers: announces a new epoch (new seed; iterable streams restart). */
  setEpoch(infos: readonly WorkerInfo[]): void {
    for (const slot of this.#slots) slot.worker.postMessage({ type: 'epoch', info: infos[slot.id]! } satisfies ToWorker);
  }

  /** The first worker failure, if any (a failed pool cannot be reused). */
  get failed(): boolean {
    return this.#terminated || this.#slots.some((s) => s.failure !== undefined);
  }

  /** Keeps the process alive while a loop waits for batches. */
  ref(): void {
    for (const s of this.#slots) s.worker.ref();
  }

  /** Idle persistent workers never keep the process alive. */
  unref(): void {
    for (const s of this.#slots) s.worker.unref();
  }

  /** Stops every worker at once (`worker.terminate()`); pending tasks reject with `ERR_WORKER`. */
  async terminate(): Promise<void> {
    if (this.#terminated) return;
    this.#terminated = true;
    const stopped = new DataError('ERR_WORKER', 'DataLoader workers were shut down');
    for (const s of this.#slots) {
      s.failure ??= stopped;
      for (const p of s.pending.values()) p.reject(stopped);
      s.pending.clear();
    }
    await Promise.all(this.#slots.map((s) => s.worker.terminate().catch(() => undefined)));
  }
}

/** Every module specifier a worker will import for `init` (dataset, plugins, collate, workerInit). */
export function specModules(init: Pick<WorkerInit, 'dataset' | 'collate' | 'workerInit'>): string[] {
  const out: string[] = [];
  const d = init.dataset as { module?: unknown; plugins?: readonly { module: string }[] };
  if (typeof d.module === 'string') out.push(d.module);
  for (const p of d.plugins ?? []) out.push(p.module);
  const c = init.collate as { module?: unknown } | string | undefined;
  if (typeof c === 'object' && typeof c.module === 'string') out.push(c.module);
  if (init.workerInit) out.push(init.workerInit.module);
  return out;
}
