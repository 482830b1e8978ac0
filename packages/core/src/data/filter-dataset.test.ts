import { describe, expect, it } from 'vitest';
import { readAll, asyncDataset } from './test-utils/datasets.js';
import { fromArray } from './array-dataset.js';
import { mapDataset } from './map-dataset.js';
import { filterDataset } from './filter-dataset.js';

describe('filterDataset', () => {
  it('makes one index pass and returns a Subset of the kept indices', async () => {
    const seen: number[] = [];
    const src = mapDataset(asyncDataset([5, 6, 7, 8, 9]), (x, i) => {
      seen.push(i);
      return x;
    });
    const f = await filterDataset(src, async (x) => x % 2 === 1);
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(f.indices).toEqual([0, 2, 4]);
    expect(await readAll(f)).toEqual([5, 7, 9]);
    expect((await filterDataset(fromArray([1]), () => false)).length).toBe(0);
  });
});
