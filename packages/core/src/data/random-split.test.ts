import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng.js';
import { fromArray } from './array-dataset.js';
import { randomSplit, resolveSplitLengths } from './random-split.js';

// Expected lengths verified with torch 1.13.1 `random_split(range(n), fractions)`.
describe('resolveSplitLengths (torch rule)', () => {
  it('floors fractions and hands out the remainder round-robin from the first split', () => {
    // torch.utils.data.random_split(range(10), [0.35, 0.35, 0.3]): floors 3,3,3, remainder 1 → [4,3,3]
    expect(resolveSplitLengths(10, [0.35, 0.35, 0.3])).toEqual([4, 3, 3]);
    // floors 0,0,0 (n=2, thirds), remainder 2 → [1,1,0]
    expect(resolveSplitLengths(2, [1 / 3, 1 / 3, 1 / 3])).toEqual([1, 1, 0]);
    expect(resolveSplitLengths(5, [0.5, 0.5])).toEqual([3, 2]);
    expect(resolveSplitLengths(100, [0.8, 0.1, 0.1])).toEqual([80, 10, 10]);
    expect(resolveSplitLengths(7, [1])).toEqual([7]);
  });

  it('accepts integer lengths that sum to n', () => {
    expect(resolveSplitLengths(10, [7, 3])).toEqual([7, 3]);
    expect(resolveSplitLengths(0, [0, 0])).toEqual([0, 0]);
  });

  it('rejects bad input with clear messages', () => {
    expect(() => resolveSplitLengths(10, [6, 3])).toThrow('Sum of input lengths (9) does not equal the length of the input dataset (10)');
    expect(() => resolveSplitLengths(10, [1.5, -0.5])).toThrow('Fraction at index 0 is not between 0 and 1, but got 1.5');
    expect(() => resolveSplitLengths(10, [2.5, 7.5])).toThrow('lengths[0] should be a non-negative integer, but got 2.5');
    expect(() => resolveSplitLengths(10, [])).toThrow('lengths should be a non-empty array');
  });
});

describe('randomSplit', () => {
  it('partitions the dataset disjointly and reproducibly', async () => {
    const d = fromArray(Array.from({ length: 50 }, (_, i) => i));
    const parts = randomSplit(d, [0.6, 0.2, 0.2], 42);
    expect(parts.map((p) => p.length)).toEqual([30, 10, 10]);
    const seen = parts.flatMap((p) => [...p.indices]).sort((a, b) => a - b);
    expect(seen).toEqual(Array.from({ length: 50 }, (_, i) => i));
    const again = randomSplit(d, [0.6, 0.2, 0.2], 42);
    expect(again.map((p) => [...p.indices])).toEqual(parts.map((p) => [...p.indices]));
    const other = randomSplit(d, [0.6, 0.2, 0.2], 43);
    expect(other[0]!.indices).not.toEqual(parts[0]!.indices);
    expect(await parts[1]!.get(0)).toBe(parts[1]!.indices[0]);
    // an Rng is accepted too, and consumed
    const rng = createRng(42);
    expect(randomSplit(d, [30, 20], rng)[0]!.indices).toEqual(parts[0]!.indices);
  });
});
