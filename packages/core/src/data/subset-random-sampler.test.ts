import { describe, expect, it } from 'vitest';
import { SubsetRandomSampler } from './subset-random-sampler.js';

const sorted = (xs: Iterable<number>) => [...xs].sort((a, b) => a - b);

describe('SubsetRandomSampler', () => {
  it('permutes the given indices reproducibly', () => {
    const s = new SubsetRandomSampler([10, 20, 30, 40], { seed: 2 });
    const e0 = [...s];
    expect(sorted(e0)).toEqual([10, 20, 30, 40]);
    const t = new SubsetRandomSampler([10, 20, 30, 40], { seed: 2 });
    expect([...t]).toEqual(e0);
    t.setEpoch(0);
    expect([...t]).toEqual(e0);
    expect(s.length).toBe(4);
    expect(() => new SubsetRandomSampler([1, -2])).toThrow('indices[1] should be a non-negative integer, but got -2');
  });
});
