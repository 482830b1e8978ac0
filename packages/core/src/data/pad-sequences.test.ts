import { describe, expect, it } from 'vitest';
import { ndarray } from '../array/nd-array.js';
import { padSequences } from './pad-sequences.js';

describe('padSequences', () => {
  it('pads right and left with lengths and mask', () => {
    const items = [new Float32Array([1, 2, 3]), new Float32Array([4])];
    const right = padSequences(items, { padValue: -1 });
    expect(right.data).toEqual({ data: new Float32Array([1, 2, 3, 4, -1, -1]), shape: [2, 3], dtype: 'float32' });
    expect(right.lengths).toEqual(new Int32Array([3, 1]));
    expect(right.attentionMask).toEqual({ data: new Uint8Array([1, 1, 1, 1, 0, 0]), shape: [2, 3], dtype: 'uint8' });
    const left = padSequences(items, { side: 'left' });
    expect(left.data.data).toEqual(new Float32Array([1, 2, 3, 0, 0, 4]));
    expect(left.attentionMask.data).toEqual(new Uint8Array([1, 1, 1, 0, 0, 1]));
  });

  it('pads N-D items along any axis (negative = from the end)', () => {
    // two items of shape [2, T] (channels × time), T = 3 and 1
    const a = ndarray(new Int32Array([1, 2, 3, 4, 5, 6]), [2, 3]);
    const b = ndarray(new Int32Array([7, 8]), [2, 1]);
    const p = padSequences([a, b], { axis: -1, padValue: 9 });
    expect(p.data.shape).toEqual([2, 2, 3]);
    expect(p.data.data).toEqual(new Int32Array([1, 2, 3, 4, 5, 6, 7, 9, 9, 8, 9, 9]));
    expect(p.attentionMask.shape).toEqual([2, 3]);
    // axis 0 of [T, F]
    const c = ndarray(new Float64Array([1, 2, 3, 4]), [2, 2]);
    const d = ndarray(new Float64Array([5, 6]), [1, 2]);
    expect(padSequences([c, d]).data.data).toEqual(new Float64Array([1, 2, 3, 4, 5, 6, 0, 0]));
    expect(padSequences([c, d], { side: 'left' }).data.data).toEqual(new Float64Array([1, 2, 3, 4, 0, 0, 5, 6]));
  });

  it('truncates to a fixed length from the end or the start', () => {
    const items = [new Int8Array([1, 2, 3, 4]), new Int8Array([5])];
    const end = padSequences(items, { length: 2 });
    expect(end.data.data).toEqual(new Int8Array([1, 2, 5, 0]));
    expect(end.lengths).toEqual(new Int32Array([2, 1]));
    const start = padSequences(items, { length: 2, truncate: 'start', side: 'left' });
    expect(start.data.data).toEqual(new Int8Array([3, 4, 0, 5]));
    expect(start.attentionMask.data).toEqual(new Uint8Array([1, 1, 0, 1]));
  });

  it('handles int64 with bigint pads, number[] inputs, and rejects mismatches', () => {
    const big = padSequences([new BigInt64Array([1n]), new BigInt64Array([2n, 3n])], { padValue: -1 });
    expect(big.data.data).toEqual(new BigInt64Array([1n, -1n, 2n, 3n]));
    expect(padSequences([[1, 2], [3]]).data).toEqual({ data: new Int32Array([1, 2, 3, 0]), shape: [2, 2], dtype: 'int32' });
    expect(padSequences([[1.5], [3]]).data.dtype).toBe('float64');
    expect(() => padSequences([new BigInt64Array(1)], { padValue: 0.5 })).toThrow(/padValue should be an integer for int64/);
    expect(() => padSequences([ndarray(new Float32Array(4), [2, 2]), ndarray(new Float32Array(3), [1, 3])], { path: 'spec' })).toThrow(
      "Cannot collate field 'spec' (sample 1): shape [1, 3] differs from sample 0's shape [2, 2] on an axis other than the padded axis 0",
    );
    expect(() => padSequences([new Float32Array(1), new Float64Array(1)])).toThrow(/dtype float64 differs/);
    expect(() => padSequences([new Float32Array(1)], { axis: 1 })).toThrow('axis 1 is out of range for items of shape [1]');
    expect(() => padSequences([new Float32Array(1)], { side: 'middle' as never })).toThrow(/side should be one of/);
  });
});
