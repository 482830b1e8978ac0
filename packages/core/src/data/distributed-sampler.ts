import type { Sampler } from './sampler.js';
import { ConfigError } from '../errors.js';
import { randomPermutation } from '../random/rng.js';
import { EpochSeeder } from './epoch-seeder.js';
import { assertBoolean, assertNonNegativeInt, assertPositiveInt, sourceLength } from './validate.js';

export interface DistributedSamplerOptions {
  /** Number of processes taking part (torch `num_replicas`). */
  numReplicas: number;
  /** This process's rank in `[0, numReplicas)`. */
  rank: number;
  /** Shuffle each epoch (default `true`). */
  shuffle?: boolean;
  /** Seed shared by all replicas (default 0). */
  seed?: number;
  /** Drop the tail so every replica gets the same number of indices without padding (default `false`). */
  dropLast?: boolean;
}

/**
 * Restricts a dataset to one replica's share (torch `DistributedSampler`), with torch's exact partition:
 *
 * - `numSamples` = `ceil((n − R) / R)` when `dropLast` and `n % R ≠ 0` (that is `floor(n / R)`), else
 *   `ceil(n / R)`; `totalSize = numSamples × R`.
 * - indices = `0 … n-1` (or a permutation of them when `shuffle`);
 * - without `dropLast` they are padded to `totalSize` by repeating them from the start
 *   (`indices += (indices * ceil(pad / len))[:pad]`); with `dropLast` they are cut to `totalSize`;
 * - replica `rank` takes `indices[rank : totalSize : R]`.
 *
 * With `shuffle: false` the result equals torch's index for index. With `shuffle: true` the permutation comes
 * from mirkit's generator (seeded by `(seed, epoch)`, identical on every replica), not torch's. Every replica must
 * use the same `seed` and call `setEpoch` identically. Deviation: torch reuses epoch 0 until `set_epoch` is
 * called; here iterations without `setEpoch` advance the epoch automatically (see {@link EpochSeeder}).
 */
export class DistributedSampler extends EpochSeeder implements Sampler {
  readonly sourceLength: number;
  readonly numReplicas: number;
  readonly rank: number;
  readonly shuffle: boolean;
  readonly dropLast: boolean;
  /** Indices per replica (torch `num_samples`). */
  readonly length: number;
  /** `length × numReplicas` (torch `total_size`). */
  readonly totalSize: number;

  constructor(source: number | { readonly length: number }, options: DistributedSamplerOptions) {
    super(options.seed ?? 0);
    this.sourceLength = sourceLength('DistributedSampler source', source);
    const { numReplicas, rank, shuffle = true, dropLast = false } = options;
    assertPositiveInt('numReplicas', numReplicas);
    assertNonNegativeInt('rank', rank);
    if (rank >= numReplicas) {
      throw new ConfigError('ERR_INVALID_OPTION', `Invalid rank ${rank}, rank should be in the interval [0, ${numReplicas - 1}]`, {
        details: { rank, numReplicas },
      });
    }
    assertBoolean('shuffle', shuffle);
    assertBoolean('dropLast', dropLast);
    const n = this.sourceLength;
    this.numReplicas = numReplicas;
    this.rank = rank;
    this.shuffle = shuffle;
    this.dropLast = dropLast;
    this.length = dropLast && n % numReplicas !== 0 ? Math.max(0, Math.ceil((n - numReplicas) / numReplicas)) : Math.ceil(n / numReplicas);
    this.totalSize = this.length * numReplicas;
  }

  /** This replica's indices for the next epoch (advances the automatic epoch like iterating does). */
  indices(): number[] {
    const { rng } = this.beginEpoch();
    const n = this.sourceLength;
    const base: number[] = this.shuffle ? Array.from(randomPermutation(n, rng)) : Array.from({ length: n }, (_, i) => i);
    const out: number[] = [];
    for (let k = this.rank; k < this.totalSize; k += this.numReplicas) {
      // Position k of the padded (or cut) list is base[k mod n]: padding repeats the list from its start.
      out.push(base[k % n]!);
    }
    return out;
  }

  [Symbol.iterator](): Iterator<number> {
    return this.indices()[Symbol.iterator]();
  }
}
