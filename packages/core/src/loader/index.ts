export { DataLoader, type FromSpecOptions, type FromRegistryOptions } from './data-loader.js';
export type { DataLoaderOptions, EpochReport } from './data-loader-options.js';
export {
  withDatasetSpec,
  datasetSpecOf,
  type DatasetSpec,
  type ModuleSpec,
  type PluginSpec,
  type RegistryDatasetSpec,
} from './dataset-spec.js';
export { buildDataset, type BuildDatasetOptions } from './build-dataset.js';
export { resolveCollate, type CollateSpec, type CollateName } from './collate-spec.js';
export { getWorkerInfo, type WorkerInfo } from './worker-info.js';
export type { ErrorPolicy, SkippedItem } from './fetch-batch.js';
export { serializeError, deserializeError, type SerializedError } from './serialize-error.js';
