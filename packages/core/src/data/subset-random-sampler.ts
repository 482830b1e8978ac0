import type { Sampler } from './sampler.js';
import { ConfigError } from '../errors.js';
import { randomPermutation } from '../random/rng.js';
import { EpochSeeder } from './epoch-seeder.js';
import { show } from './validate.js';

/**
 * Yields the given indices in a random order, without replacement (torch `SubsetRandomSampler`). Each epoch's
 * order derives from `(seed, epoch)` (see {@link EpochSeeder}). Indices must be non-negative integers; they
 * may repeat.
 */
export class SubsetRandomSampler extends EpochSeeder implements Sampler {
  readonly indices: readonly number[];

  constructor(indices: Iterable<number> | ArrayLike<number>, options: { seed?: number } = {}) {
    super(options.seed ?? 0);
    const list = Array.from(indices as Iterable<number>);
    for (const [position, index] of list.entries()) {
      if (!Number.isSafeInteger(index) || index < 0) {
        throw new ConfigError('ERR_INVALID_OPTION', `indices[${position}] should be a non-negative integer, but got ${show(index)}`, {
          details: { position, value: index },
        });
      }
    }
    this.indices = list;
  }

  get length(): number {
    return this.indices.length;
  }

  [Symbol.iterator](): Iterator<number> {
    const { rng } = this.beginEpoch();
    const perm = randomPermutation(this.indices.length, rng);
    const indices = this.indices;
    return (function* () {
      for (const p of perm) yield indices[p]!;
    })();
  }
}
