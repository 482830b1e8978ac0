import type { Dataset } from './dataset.js';
import { Subset } from './subset.js';
import { ConfigError } from '../errors.js';
import { createRng, randomPermutation, type Rng } from '../random/rng.js';
import { assertNonNegativeInt } from './validate.js';

/**
 * Resolves `lengthsOrFractions` to integer split lengths with torch's `random_split` rule:
 *
 * - if the values sum to 1 (within 1e-9, relative) and not above 1, they are **fractions**: each split gets
 *   `floor(n × fraction)` items, then the remaining `n − Σ floor` items are handed out one each, round-robin,
 *   starting with the first split;
 * - otherwise they are **lengths** (non-negative integers) that must sum to `n`.
 */
export function resolveSplitLengths(n: number, lengthsOrFractions: readonly number[]): number[] {
  if (lengthsOrFractions.length === 0) {
    throw new ConfigError('ERR_INVALID_OPTION', 'lengths should be a non-empty array, but got []');
  }
  const sum = lengthsOrFractions.reduce((a, b) => a + b, 0);
  let lengths: number[];
  if (Math.abs(sum - 1) <= 1e-9 * Math.max(1, Math.abs(sum)) && sum <= 1) {
    lengths = lengthsOrFractions.map((fraction, i) => {
      if (!(fraction >= 0 && fraction <= 1)) {
        throw new ConfigError('ERR_INVALID_OPTION', `Fraction at index ${i} is not between 0 and 1, but got ${fraction}`, {
          details: { index: i, value: fraction },
        });
      }
      return Math.floor(n * fraction);
    });
    const remainder = n - lengths.reduce((a, b) => a + b, 0);
    for (let i = 0; i < remainder; i++) lengths[i % lengths.length]! += 1;
  } else {
    lengths = lengthsOrFractions.map((length, i) => {
      assertNonNegativeInt(`lengths[${i}]`, length);
      return length;
    });
  }
  const total = lengths.reduce((a, b) => a + b, 0);
  if (total !== n) {
    throw new ConfigError(
      'ERR_INVALID_OPTION',
      `Sum of input lengths (${total}) does not equal the length of the input dataset (${n})`,
      { details: { lengths, length: n } },
    );
  }
  return lengths;
}

/**
 * Randomly splits a dataset into non-overlapping {@link Subset}s (torch `random_split`).
 *
 * `lengthsOrFractions` are either integer lengths summing to `dataset.length`, or fractions summing to 1 (see
 * {@link resolveSplitLengths}). One permutation of `0 … n-1` is drawn from `seed` (a number, or an {@link Rng}
 * whose stream is consumed) and cut into consecutive pieces, so the same seed always gives the same split.
 * The permutation differs from torch's (different generator), the lengths are identical.
 */
export function randomSplit<T>(dataset: Dataset<T>, lengthsOrFractions: readonly number[], seed: number | Rng = 0): Subset<T>[] {
  const lengths = resolveSplitLengths(dataset.length, lengthsOrFractions);
  const rng = typeof seed === 'number' ? createRng(seed) : seed;
  const perm = randomPermutation(dataset.length, rng);
  const out: Subset<T>[] = [];
  let offset = 0;
  for (const length of lengths) {
    out.push(new Subset(dataset, perm.subarray(offset, offset + length)));
    offset += length;
  }
  return out;
}
