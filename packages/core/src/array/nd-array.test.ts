import { describe, expect, it } from 'vitest';
import { isMirError } from '../errors.js';
import { assertShape, collectTransferables, dtypeOf, isNdArray, isTypedArray, ndarray, shapeSize, typedArrayFor, zeros } from './nd-array.js';

describe('nd-array', () => {
  it('wraps typed arrays with a checked shape', () => {
    const a = ndarray(new Float32Array(6), [2, 3]);
    expect(a).toEqual({ data: new Float32Array(6), shape: [2, 3], dtype: 'float32' });
    expect(ndarray(new Int32Array(3)).shape).toEqual([3]);
    expect(ndarray(new Uint8Array(2), [2], 'bool').dtype).toBe('bool');
    expect(ndarray(new Float64Array(1), []).shape).toEqual([]);
    try {
      ndarray(new Float32Array(5), [2, 3]);
      expect.unreachable();
    } catch (error) {
      expect(isMirError(error) && error.code).toBe('ERR_SHAPE_MISMATCH');
      expect((error as Error).message).toBe('Shape [2, 3] needs 6 elements, but the data has 5');
    }
    expect(() => assertShape([2, -1])).toThrow('shape[1] should be a non-negative integer, but got -1');
    expect(() => assertShape([1.5])).toThrow(/shape\[0\]/);
  });

  it('maps dtypes and constructors both ways', () => {
    const cases = [
      [new Float32Array(1), 'float32'], [new Float64Array(1), 'float64'], [new Int8Array(1), 'int8'],
      [new Int16Array(1), 'int16'], [new Int32Array(1), 'int32'], [new BigInt64Array(1), 'int64'],
      [new Uint8Array(1), 'uint8'], [new Uint16Array(1), 'uint16'], [new Uint32Array(1), 'uint32'],
    ] as const;
    for (const [arr, dtype] of cases) {
      expect(dtypeOf(arr)).toBe(dtype);
      expect(new (typedArrayFor(dtype))(1).constructor).toBe(arr.constructor);
    }
    expect(typedArrayFor('bool')).toBe(Uint8Array);
    expect(() => typedArrayFor('complex64' as never)).toThrow("Unknown dtype 'complex64'");
    expect(() => dtypeOf(new BigUint64Array(1) as never)).toThrow(/Unsupported typed array/);
  });

  it('creates zeros and measures shapes', () => {
    expect(zeros([2, 2])).toEqual({ data: new Float32Array(4), shape: [2, 2], dtype: 'float32' });
    expect(zeros([3], 'int64').data).toEqual(new BigInt64Array(3));
    expect(shapeSize([])).toBe(1);
    expect(shapeSize([4, 0, 2])).toBe(0);
  });

  it('recognises NdArrays and typed arrays', () => {
    expect(isNdArray(zeros([1]))).toBe(true);
    expect(isNdArray({ data: [1], shape: [1], dtype: 'float32' })).toBe(false);
    expect(isNdArray(null)).toBe(false);
    expect(isTypedArray(new Float32Array(1))).toBe(true);
    expect(isTypedArray(new DataView(new ArrayBuffer(1)))).toBe(false);
    expect(isTypedArray([1])).toBe(false);
  });

  it('collects each transferable buffer once and skips SharedArrayBuffers', () => {
    const shared = new Float32Array(8);
    const a = shared.subarray(0, 4);
    const b = shared.subarray(4);
    const nd = zeros([2]);
    const sab = new Float32Array(new SharedArrayBuffer(8));
    const raw = new ArrayBuffer(4);
    const list = collectTransferables({ x: a, y: [b, { z: nd }], m: new Map([['k', sab]]), raw, n: 1, s: 'str' });
    expect(list).toHaveLength(3);
    expect(list).toContain(shared.buffer);
    expect(list).toContain(nd.data.buffer);
    expect(list).toContain(raw);
  });
});
