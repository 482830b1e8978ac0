import { describe, expect, it } from 'vitest';
import { asyncDataset } from './test-utils/datasets.js';
import { fromArray } from './array-dataset.js';
import { mapDataset } from './map-dataset.js';

describe('mapDataset', () => {
  it('applies fn lazily with the index; sync stays sync, async becomes a promise', async () => {
    let calls = 0;
    const m = mapDataset(fromArray([1, 2, 3]), (x, i) => {
      calls++;
      return x * 10 + i;
    });
    expect(calls).toBe(0);
    expect(m.length).toBe(3);
    expect(m.get(2)).toBe(32);
    expect(calls).toBe(1);
    const a = mapDataset(asyncDataset([1, 2]), (x) => x + 1);
    const got = a.get(1);
    expect(got).toBeInstanceOf(Promise);
    expect(await got).toBe(3);
    const b = mapDataset(fromArray([1]), async (x) => x * 2);
    expect(await b.get(0)).toBe(2);
    expect(() => m.get(3)).toThrow(/Index 3 is out of range for a MappedDataset of length 3/);
  });
});
