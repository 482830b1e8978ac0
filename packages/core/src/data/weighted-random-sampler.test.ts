import { describe, expect, it } from 'vitest';
import { WeightedRandomSampler } from './weighted-random-sampler.js';

const sorted = (xs: Iterable<number>) => [...xs].sort((a, b) => a - b);

describe('WeightedRandomSampler', () => {
  it('draws proportionally with replacement and never picks zero weights', () => {
    const s = new WeightedRandomSampler([0, 1, 3, 0], 4000, { seed: 1 });
    const out = [...s];
    expect(out).toHaveLength(4000);
    const c1 = out.filter((i) => i === 1).length;
    const c2 = out.filter((i) => i === 2).length;
    expect(c1 + c2).toBe(4000);
    expect(c2 / 4000).toBeCloseTo(0.75, 1);
    expect([...new WeightedRandomSampler([0, 1, 3, 0], 4000, { seed: 1 })]).toEqual(out);
  });

  it('draws without repeats when replacement=false, favouring heavy weights first', () => {
    const s = new WeightedRandomSampler([1, 1, 100, 0, 1], 4, { replacement: false, seed: 3 });
    const out = [...s];
    expect(sorted(out)).toEqual([0, 1, 2, 4]);
    let firstIsHeavy = 0;
    for (let e = 0; e < 200; e++) {
      s.setEpoch(e);
      if ([...s][0] === 2) firstIsHeavy++;
    }
    expect(firstIsHeavy).toBeGreaterThan(180); // P = 100/103
  });

  it('validates weights and options', () => {
    expect(() => new WeightedRandomSampler([1, -1], 2)).toThrow('weights[1] should be a finite non-negative number, but got -1');
    expect(() => new WeightedRandomSampler([1, Number.NaN], 2)).toThrow('weights[1] should be a finite non-negative number, but got NaN');
    expect(() => new WeightedRandomSampler([0, 0], 2)).toThrow('weights should have a positive finite sum, but the 2 weights sum to 0');
    expect(() => new WeightedRandomSampler([], 2)).toThrow(/non-empty/);
    expect(() => new WeightedRandomSampler([1, 2], 0)).toThrow('numSamples should be a positive integer, but got 0');
    expect(() => new WeightedRandomSampler([1, 0, 2], 3, { replacement: false })).toThrow(
      'numSamples should be at most the number of positive weights (2) when replacement=false, but got 3',
    );
    expect(() => new WeightedRandomSampler([1], 1, { replacement: 'no' as unknown as boolean })).toThrow(/replacement should be a boolean value/);
  });
});
