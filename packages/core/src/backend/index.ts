export type { Backend, BackendMemory, DeviceKind } from './backend.js';
export {
  selectBackend,
  type BackendSelection,
  type SelectBackendOptions,
  type SkippedBackend,
} from './select-backend.js';
