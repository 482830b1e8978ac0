import { describe, expect, it } from 'vitest';
import { createRng, hashSeed, randomPermutation } from '../random/rng.js';
import { RandomSampler } from './random-sampler.js';

const sorted = (xs: Iterable<number>) => [...xs].sort((a, b) => a - b);
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('RandomSampler', () => {
  it('is a seeded permutation per epoch, reproducible from (seed, epoch)', () => {
    const a = new RandomSampler(20, { seed: 3 });
    const e0 = [...a];
    const e1 = [...a];
    expect(sorted(e0)).toEqual(range(20));
    expect(sorted(e1)).toEqual(range(20));
    expect(e1).not.toEqual(e0);
    const b = new RandomSampler(20, { seed: 3 });
    b.setEpoch(1);
    expect([...b]).toEqual(e1);
    b.setEpoch(0);
    expect([...b]).toEqual(e0);
    expect([...b]).toEqual(e0); // pinned
    expect(e0).toEqual(Array.from(randomPermutation(20, createRng(hashSeed(3, 0)))));
    expect([...new RandomSampler(20, { seed: 4 })]).not.toEqual(e0);
  });

  it('repeats whole permutations when numSamples > n without replacement (torch)', () => {
    const s = new RandomSampler(4, { numSamples: 10, seed: 1 });
    const out = [...s];
    expect(s.length).toBe(10);
    expect(out).toHaveLength(10);
    expect(sorted(out.slice(0, 4))).toEqual([0, 1, 2, 3]);
    expect(sorted(out.slice(4, 8))).toEqual([0, 1, 2, 3]);
    expect(new Set(out.slice(8)).size).toBe(2);
  });

  it('draws with replacement', () => {
    const out = [...new RandomSampler(3, { replacement: true, numSamples: 300, seed: 9 })];
    expect(out).toHaveLength(300);
    expect(out.every((i) => i >= 0 && i < 3)).toBe(true);
    const counts = [0, 1, 2].map((k) => out.filter((i) => i === k).length);
    expect(Math.min(...counts)).toBeGreaterThan(60);
  });

  it('validates like torch', () => {
    expect(() => new RandomSampler(5, { numSamples: 0 })).toThrow('numSamples should be a positive integer, but got 0');
    expect(() => new RandomSampler(5, { replacement: 1 as unknown as boolean })).toThrow('replacement should be a boolean value, but got replacement=1');
    expect(() => new RandomSampler(0, { numSamples: 3 })).toThrow(/positive integer, but got 0/);
    expect([...new RandomSampler(0)]).toEqual([]);
  });
});
