import type { Sampler } from './sampler.js';
import { ConfigError } from '../errors.js';
import { EpochSeeder } from './epoch-seeder.js';
import { assertBoolean, assertPositiveInt, show } from './validate.js';

export interface WeightedRandomSamplerOptions {
  /** Draw with replacement (default `true`, like torch). */
  replacement?: boolean;
  /** Seed of the per-epoch generators (default 0). See {@link EpochSeeder}. */
  seed?: number;
}

/**
 * Draws `numSamples` indices `i ∈ [0, weights.length)` with probability proportional to `weights[i]` (torch
 * `WeightedRandomSampler`, which uses `torch.multinomial`). Weights need not sum to 1.
 *
 * - With replacement (default): independent draws (inverse CDF + binary search). Zero-weight indices are never
 *   drawn.
 * - Without replacement: the distribution of sequential weighted draws where a drawn index is removed and the
 *   remaining weights renormalised, implemented as an exponential race (each index gets key `Exp(1)/w`, the
 *   `numSamples` smallest keys win, in order). `numSamples` may not exceed the number of positive weights.
 *
 * Validation: `numSamples` positive integer, `replacement` boolean, weights finite and ≥ 0 with a positive
 * sum (each failure names the offending index/value). Each epoch's draws derive from `(seed, epoch)`.
 */
export class WeightedRandomSampler extends EpochSeeder implements Sampler {
  readonly weights: Float64Array;
  readonly length: number;
  readonly replacement: boolean;
  readonly #cdf: Float64Array;

  constructor(weights: ArrayLike<number>, numSamples: number, options: WeightedRandomSamplerOptions = {}) {
    super(options.seed ?? 0);
    const { replacement = true } = options;
    assertPositiveInt('numSamples', numSamples);
    assertBoolean('replacement', replacement);
    if (weights.length === 0) {
      throw new ConfigError('ERR_INVALID_OPTION', 'weights should be a non-empty array of numbers, but got an empty array');
    }
    const w = new Float64Array(weights.length);
    const cdf = new Float64Array(weights.length);
    let total = 0;
    let positive = 0;
    for (let i = 0; i < weights.length; i++) {
      const v = weights[i];
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
        throw new ConfigError('ERR_INVALID_OPTION', `weights[${i}] should be a finite non-negative number, but got ${show(v)}`, {
          details: { index: i, value: v },
        });
      }
      w[i] = v;
      if (v > 0) positive++;
      total += v;
      cdf[i] = total;
    }
    if (!(total > 0) || !Number.isFinite(total)) {
      throw new ConfigError('ERR_INVALID_OPTION', `weights should have a positive finite sum, but the ${weights.length} weights sum to ${total}`);
    }
    if (!replacement && numSamples > positive) {
      throw new ConfigError(
        'ERR_INVALID_OPTION',
        `numSamples should be at most the number of positive weights (${positive}) when replacement=false, but got ${numSamples}`,
        { details: { numSamples, positive } },
      );
    }
    this.weights = w;
    this.#cdf = cdf;
    this.length = numSamples;
    this.replacement = replacement;
  }

  [Symbol.iterator](): Iterator<number> {
    const { rng } = this.beginEpoch();
    const count = this.length;
    const w = this.weights;
    const cdf = this.#cdf;
    if (this.replacement) {
      const total = cdf[cdf.length - 1]!;
      return (function* () {
        for (let k = 0; k < count; k++) {
          const u = rng.next() * total;
          // first i with cdf[i] > u; zero-weight entries repeat the previous cdf value and are never chosen
          let lo = 0;
          let hi = cdf.length - 1;
          while (lo < hi) {
            const mid = (lo + hi) >>> 1;
            if (cdf[mid]! > u) hi = mid;
            else lo = mid + 1;
          }
          while (w[lo] === 0 && lo > 0) lo--; // only reachable through rounding at the very top
          yield lo;
        }
      })();
    }
    const keyed: { index: number; key: number }[] = [];
    for (let i = 0; i < w.length; i++) {
      if (w[i]! > 0) keyed.push({ index: i, key: -Math.log(1 - rng.next()) / w[i]! });
    }
    keyed.sort((a, b) => a.key - b.key || a.index - b.index);
    return (function* () {
      for (let k = 0; k < count; k++) yield keyed[k]!.index;
    })();
  }
}
