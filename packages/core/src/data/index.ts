export { isDataset, isIterableDataset, type Dataset, type IterableDataset, type ItemOf } from './dataset.js';
export type { Sampler, BatchSamplerLike } from './sampler.js';
export type { Collator } from './collator.js';
export { checkIndex, assertPositiveInt, assertNonNegativeInt, assertBoolean, assertFiniteNumber, assertOneOf } from './validate.js';
export { ArrayDataset, fromArray } from './array-dataset.js';
export { Subset, subset } from './subset.js';
export { ConcatDataset, concat } from './concat-dataset.js';
export { randomSplit, resolveSplitLengths } from './random-split.js';
export { MappedDataset, mapDataset } from './map-dataset.js';
export { filterDataset } from './filter-dataset.js';
export { mapIterableDataset, filterIterableDataset } from './iterable-ops.js';
export { EpochSeeder } from './epoch-seeder.js';
export { SequentialSampler } from './sequential-sampler.js';
export { RandomSampler, type RandomSamplerOptions } from './random-sampler.js';
export { SubsetRandomSampler } from './subset-random-sampler.js';
export { WeightedRandomSampler, type WeightedRandomSamplerOptions } from './weighted-random-sampler.js';
export { BatchSampler } from './batch-sampler.js';
export { DistributedSampler, type DistributedSamplerOptions } from './distributed-sampler.js';
export { StratifiedBatchSampler, type StratifiedBatchSamplerOptions, type StratumLabel } from './stratified-batch-sampler.js';
export {
  createCollate,
  defaultCollate,
  defaultCollateHandlers,
  stackArrays,
  asNdArray,
  numberDType,
  collateError,
  describePath,
  type CollateHandler,
  type CollateContext,
  type CreateCollateOptions,
} from './collate.js';
export { padSequences, isSequence, type PadSequencesOptions, type PaddedSequences, type Sequence } from './pad-sequences.js';
export { padCollate, fixedLengthCollate, type PadCollateOptions, type FixedLengthCollateOptions, type PaddedBatch } from './pad-collate.js';
