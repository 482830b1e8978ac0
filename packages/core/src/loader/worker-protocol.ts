import type { CollateSpec } from './collate-spec.js';
import type { DatasetSpec, ModuleSpec } from './dataset-spec.js';
import type { ErrorPolicy } from './fetch-batch.js';
import type { SerializedError } from './serialize-error.js';
import type { WorkerInfo } from './worker-info.js';

/** `workerData` of a DataLoader worker thread. */
export interface WorkerInit {
  readonly dataset: DatasetSpec;
  /** Dataset name used in error messages. */
  readonly name: string;
  /** `undefined` when automatic batching is off (`batchSize: null`): items are sent uncollated. */
  readonly collate: CollateSpec | undefined;
  /** Iterable datasets: items per batch (`undefined` = no batching). */
  readonly batchSize: number | undefined;
  readonly dropLast: boolean;
  readonly errorPolicy: ErrorPolicy;
  readonly workerInit: ModuleSpec | undefined;
  readonly resolveFrom: string | undefined;
  readonly info: WorkerInfo;
}

/** Main thread → worker. */
export type ToWorker =
  | { readonly type: 'batch'; readonly task: number; readonly indices: readonly number[] }
  | { readonly type: 'next'; readonly task: number }
  | { readonly type: 'epoch'; readonly info: WorkerInfo };

/** An item skipped inside a worker, error serialised. */
export interface SerializedSkip {
  readonly index: number;
  readonly error: SerializedError;
}

/** Worker → main thread. */
export type FromWorker =
  | { readonly type: 'ready'; readonly kind: 'map' | 'iterable'; readonly length: number | undefined }
  | { readonly type: 'init-error'; readonly error: SerializedError }
  | {
      readonly type: 'result';
      readonly task: number;
      /** Collated batch (or single item); absent when every item of the batch was skipped. */
      readonly batch?: unknown;
      /** Items in the batch. */
      readonly count: number;
      readonly skipped: readonly SerializedSkip[];
      /** Bytes of the ArrayBuffers transferred with this message. */
      readonly bytes: number;
    }
  | { readonly type: 'done'; readonly task: number }
  | { readonly type: 'error'; readonly task: number; readonly error: SerializedError };
