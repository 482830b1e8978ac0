import { describe, expect, it } from 'vitest';
import { isMirError } from '../errors.js';
import { fromArray } from './array-dataset.js';

describe('fromArray', () => {
  it('wraps and snapshots an array', () => {
    const src = ['a', 'b', 'c'];
    const d = fromArray(src);
    src.push('d');
    expect(d.length).toBe(3);
    expect(d.get(2)).toBe('c');
    expect(fromArray(new Set([1, 2])).get(1)).toBe(2);
    expect(fromArray(new Float32Array([0.5])).get(0)).toBe(0.5);
  });

  it('throws ERR_INDEX_OUT_OF_RANGE naming index and length', () => {
    const d = fromArray([1, 2]);
    expect(() => d.get(2)).toThrow('Index 2 is out of range for a ArrayDataset of length 2');
    expect(() => d.get(-1)).toThrow(/Index -1/);
    try {
      d.get(0.5);
    } catch (error) {
      expect(isMirError(error) && error.code).toBe('ERR_INDEX_OUT_OF_RANGE');
    }
  });
});
