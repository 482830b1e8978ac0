/**
 * A sampler yields dataset indices (torch `Sampler`). Iterating again starts a new epoch; seeded samplers derive
 * each epoch's order from `(seed, epoch)` so epochs are reproducible and independent of how many were consumed.
 */
export interface Sampler extends Iterable<number> {
  readonly length: number;
  /** Sets the epoch used by the next iteration (torch `DistributedSampler.set_epoch`; all seeded samplers honour it). */
  setEpoch?(epoch: number): void;
}

/** A batch sampler yields arrays of indices, one per batch (torch `BatchSampler`). */
export interface BatchSamplerLike extends Iterable<readonly number[]> {
  readonly length: number;
  setEpoch?(epoch: number): void;
}
