import { describe, expect, it } from 'vitest';
import { readAll, asyncDataset } from './test-utils/datasets.js';
import { fromArray } from './array-dataset.js';
import { concat } from './concat-dataset.js';

describe('ConcatDataset', () => {
  it('maps global indices through cumulative sizes, skipping empty parts', async () => {
    const c = concat(fromArray([0, 1]), fromArray<number>([]), fromArray([2, 3, 4]), fromArray([5]));
    expect(c.length).toBe(6);
    expect(c.cumulativeSizes).toEqual([2, 2, 5, 6]);
    expect(await readAll(c)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(c.locate(2)).toEqual([2, 0]);
    expect(c.locate(5)).toEqual([3, 0]);
    expect(() => c.get(6)).toThrow('Index 6 is out of range for a ConcatDataset of length 6');
    expect(() => c.get(-1)).toThrow(/Index -1/);
    expect(concat().length).toBe(0);
  });

  it('passes async items through', async () => {
    const c = concat(asyncDataset([7]), fromArray([8]));
    expect(await c.get(0)).toBe(7);
    expect(await c.get(1)).toBe(8);
  });
});
