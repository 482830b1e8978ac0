export {
  MirError,
  isMirError,
  RegistryError,
  ConfigError,
  FormatError,
  DataError,
  BackendError,
  describeError,
  type MirErrorCode,
  type MirErrorCodes,
  type CoreErrorCode,
  type MirErrorOptions,
} from './errors.js';
export type {
  Factory,
  LoaderRegistry,
  TokenizerRegistry,
  TargetRegistry,
  ModelRegistry,
  BackendRegistry,
  CommandRegistry,
  Registries,
  Kind,
  NameOf,
  EntryOf,
  OptionsOf,
  ProductOf,
} from './registry/types.js';
export { KINDS } from './registry/types.js';
export { Registry, type RegisterOptions, type RegistryEntryInfo } from './registry/registry.js';
export { definePlugin, type Plugin } from './registry/plugin.js';
export { core } from './plugin.js';
export { defaultRegistry } from './registry/default-registry.js';
export { createRng, hashSeed, randomPermutation, shuffleInPlace, type Rng, type RngState } from './random/rng.js';
export {
  ndarray,
  zeros,
  isNdArray,
  isTypedArray,
  dtypeOf,
  typedArrayFor,
  shapeSize,
  assertShape,
  collectTransferables,
  type DType,
  type DTypeMap,
  type TypedArray,
  type NdArray,
} from './array/nd-array.js';
export { parseNpy, serializeNpy } from './io/npy.js';
export { readNpy, writeNpy } from './io/npy-file.js';
export { writeFileAtomic } from './io/write-file-atomic.js';
export { isDataset, isIterableDataset, type Dataset, type IterableDataset, type ItemOf } from './data/dataset.js';
export type { Sampler, BatchSamplerLike } from './data/sampler.js';
export type { Collator } from './data/collator.js';
export type { Command, CommandContext } from './registry/command.js';
export * from './data/index.js';
export * from './loader/index.js';
export * from './metrics/index.js';
export * from './backend/index.js';
export * from './train/index.js';
export * from './plot/index.js';
export * from './progress/index.js';
export * from './synthetic/index.js';
