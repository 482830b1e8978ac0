import { describe, expect, it } from 'vitest';
import { readAll } from './test-utils/datasets.js';
import { fromArray } from './array-dataset.js';
import { subset, Subset } from './subset.js';

describe('Subset', () => {
  it('maps indices, allows repeats and validates them at construction', async () => {
    const d = fromArray([10, 11, 12, 13]);
    const s = subset(d, [3, 1, 1]);
    expect(s).toBeInstanceOf(Subset);
    expect(await readAll(s)).toEqual([13, 11, 11]);
    expect(() => subset(d, [0, 4])).toThrow('Subset index 4 at position 1 is out of range for a dataset of length 4');
    expect(() => subset(d, [-1])).toThrow(/Subset index -1/);
    expect(() => s.get(3)).toThrow(/Index 3 is out of range for a Subset of length 3/);
    expect(subset(d, new Uint32Array([2])).get(0)).toBe(12);
  });
});
