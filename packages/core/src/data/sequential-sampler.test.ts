import { describe, expect, it } from 'vitest';
import { SequentialSampler } from './sequential-sampler.js';
import { fromArray } from './array-dataset.js';

describe('SequentialSampler', () => {
  it('yields 0 … n-1 from a length or a dataset', () => {
    expect([...new SequentialSampler(4)]).toEqual([0, 1, 2, 3]);
    expect(new SequentialSampler(fromArray(['a', 'b'])).length).toBe(2);
    expect([...new SequentialSampler(0)]).toEqual([]);
    expect(() => new SequentialSampler(-1)).toThrow(/non-negative integer/);
  });
});
