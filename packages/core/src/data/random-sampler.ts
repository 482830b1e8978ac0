import type { Sampler } from './sampler.js';
import { randomPermutation } from '../random/rng.js';
import { EpochSeeder } from './epoch-seeder.js';
import { assertBoolean, assertPositiveInt, sourceLength } from './validate.js';

export interface RandomSamplerOptions {
  /** Draw with replacement (default `false`). */
  replacement?: boolean;
  /** Number of indices per epoch (default: the source length). Must be a positive integer when given. */
  numSamples?: number;
  /** Seed of the per-epoch generators (default 0). See {@link EpochSeeder}. */
  seed?: number;
}

/**
 * Random indices (torch `RandomSampler`).
 *
 * - Without replacement: a fresh permutation of `0 … n-1`; when `numSamples > n`, whole permutations follow each
 *   other and the last one is cut (torch's behaviour).
 * - With replacement: `numSamples` independent uniform draws.
 *
 * Each epoch's order derives from `(seed, epoch)`; see {@link EpochSeeder} for `setEpoch` and auto-advance.
 * Validation follows torch: `replacement` must be a boolean, an explicit `numSamples` a positive integer.
 * An empty source with the default `numSamples` yields nothing (torch raises instead).
 */
export class RandomSampler extends EpochSeeder implements Sampler {
  readonly sourceLength: number;
  readonly replacement: boolean;
  readonly length: number;

  constructor(source: number | { readonly length: number }, options: RandomSamplerOptions = {}) {
    super(options.seed ?? 0);
    this.sourceLength = sourceLength('RandomSampler source', source);
    const { replacement = false, numSamples } = options;
    assertBoolean('replacement', replacement);
    if (numSamples !== undefined) assertPositiveInt('numSamples', numSamples);
    if (numSamples !== undefined && this.sourceLength === 0) {
      assertPositiveInt('RandomSampler source length (to draw numSamples from it)', 0);
    }
    this.replacement = replacement;
    this.length = numSamples ?? this.sourceLength;
  }

  [Symbol.iterator](): Iterator<number> {
    const { rng } = this.beginEpoch();
    const n = this.sourceLength;
    const count = this.length;
    const replacement = this.replacement;
    return (function* () {
      if (replacement) {
        for (let i = 0; i < count; i++) yield rng.int(n);
        return;
      }
      let left = count;
      while (left > 0) {
        const perm = randomPermutation(n, rng);
        const take = Math.min(left, n);
        for (let i = 0; i < take; i++) yield perm[i]!;
        left -= take;
      }
    })();
  }
}
