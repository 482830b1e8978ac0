import { describe, expect, it } from 'vitest';
import { isMirError } from '../errors.js';
import { ndarray, type DType, type NdArray } from '../array/nd-array.js';
import { parseNpy, serializeNpy } from './npy.js';

/** Builds .npy bytes by hand: magic, version, little-endian header length, header text, payload. */
function handmade(major: 1 | 2, header: string, payload: Uint8Array): Uint8Array {
  const prefix = major === 1 ? 10 : 12;
  const total = Math.ceil((prefix + header.length + 1) / 64) * 64;
  const text = header + ' '.repeat(total - prefix - header.length - 1) + '\n';
  const out = new Uint8Array(total + payload.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, major, 0]);
  const dv = new DataView(out.buffer);
  if (major === 1) dv.setUint16(8, text.length, true);
  else dv.setUint32(8, text.length, true);
  for (let i = 0; i < text.length; i++) out[prefix + i] = text.charCodeAt(i);
  out.set(payload, total);
  return out;
}

function bytesOf(a: ArrayBufferView): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

function errorOf(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (error) {
    if (isMirError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a throw');
}

const SAMPLES: Record<DType, NdArray> = {
  float32: ndarray(new Float32Array([1.5, -2, Number.NaN, Infinity, 3e-39, 0]), [2, 3]),
  float64: ndarray(new Float64Array([Math.PI, -0, 1e300]), [3]),
  int8: ndarray(new Int8Array([-128, 0, 127, 5]), [2, 2]),
  int16: ndarray(new Int16Array([-32768, 32767]), [2]),
  int32: ndarray(new Int32Array([-(2 ** 31), 2 ** 31 - 1, 7, 8]), [1, 2, 2]),
  int64: ndarray(new BigInt64Array([-(2n ** 63n), 2n ** 63n - 1n, 600n]), [3]),
  uint8: ndarray(new Uint8Array([0, 255]), [2]),
  uint16: ndarray(new Uint16Array([0, 65535]), [2, 1]),
  uint32: ndarray(new Uint32Array([0, 2 ** 32 - 1]), [2]),
  bool: ndarray(new Uint8Array([1, 0, 1]), [3], 'bool'),
};

describe('npy round trip', () => {
  it.each(Object.keys(SAMPLES) as DType[])('round-trips %s', (dtype) => {
    const a = SAMPLES[dtype];
    const bytes = serializeNpy(a);
    expect(bytes[6]).toBe(1);
    const headerLen = new DataView(bytes.buffer).getUint16(8, true);
    expect((10 + headerLen) % 64).toBe(0); // numpy aligns the data to 64 bytes
    expect(String.fromCharCode(bytes[10 + headerLen - 1]!)).toBe('\n');
    const back = parseNpy(bytes);
    expect(back.dtype).toBe(dtype);
    expect(back.shape).toEqual(a.shape);
    expect(bytesOf(back.data)).toEqual(bytesOf(a.data));
  });

  it('round-trips scalars, empty arrays and bare typed arrays', () => {
    const scalar = parseNpy(serializeNpy(ndarray(new Float64Array([2.5]), [])));
    expect(scalar.shape).toEqual([]);
    expect(scalar.data).toEqual(new Float64Array([2.5]));
    const empty = parseNpy(serializeNpy(ndarray(new Int32Array(0), [0, 2])));
    expect(empty.shape).toEqual([0, 2]);
    expect(empty.data.length).toBe(0);
    expect(parseNpy(serializeNpy(new Float32Array([1, 2]))).shape).toEqual([2]);
  });

  it('writes the numpy header text exactly (padded to 64-byte alignment, newline-terminated)', () => {
    const bytes = serializeNpy(ndarray(new Float32Array(6), [2, 3]));
    const dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
    expect(new DataView(bytes.buffer).getUint16(8, true)).toBe(118);
    expect(new TextDecoder('latin1').decode(bytes.subarray(10, 128))).toBe(dict + ' '.repeat(118 - dict.length - 1) + '\n');
    expect(new TextDecoder('latin1').decode(serializeNpy(new Float32Array(1)).subarray(10, 128))).toContain("'shape': (1,), }");
  });

  it('switches to format 2.0 when the header exceeds 65535 bytes, and reads it back', () => {
    const shape = Array.from({ length: 25000 }, () => 1);
    const bytes = serializeNpy(ndarray(new Uint8Array([9]), shape));
    expect(bytes[6]).toBe(2);
    const back = parseNpy(bytes);
    expect(back.shape).toHaveLength(25000);
    expect(back.data).toEqual(new Uint8Array([9]));
  });

  it('reads hand-built format 1.0 and 2.0 files (numpy header variants)', () => {
    const payload = bytesOf(new Float32Array([1, 2, 3, 4, 5, 6]));
    const v1 = parseNpy(handmade(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }", payload));
    expect(v1.shape).toEqual([3, 2]);
    expect(v1.data).toEqual(new Float32Array([1, 2, 3, 4, 5, 6]));
    const v2 = parseNpy(handmade(2, "{'descr': '<f4', 'fortran_order': False, 'shape': (6,), }", payload));
    expect(v2.shape).toEqual([6]);
    expect(v2.data).toEqual(new Float32Array([1, 2, 3, 4, 5, 6]));
    // Python 2 long suffixes, key order, '|b1', '=i8' native order
    const legacy = parseNpy(handmade(1, "{'shape': (2L,), 'fortran_order': False, 'descr': '<i8'}", bytesOf(new BigInt64Array([5n, -6n]))));
    expect(legacy.data).toEqual(new BigInt64Array([5n, -6n]));
    expect(parseNpy(handmade(1, "{'descr': '|b1', 'fortran_order': False, 'shape': (2,), }", new Uint8Array([1, 0]))).dtype).toBe('bool');
    expect(parseNpy(handmade(2, "{'descr': '=i8', 'fortran_order': False, 'shape': (), }", bytesOf(new BigInt64Array([3n])))).dtype).toBe('int64');
  });

  it('rejects big-endian data and Fortran order with clear messages', () => {
    const be = errorOf(() => parseNpy(handmade(1, "{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", new Uint8Array(4)), 'spec.npy'));
    expect(be.code).toBe('ERR_NPY_UNSUPPORTED');
    expect(be.message).toContain('spec.npy');
    expect(be.message).toContain('big-endian');
    const f = errorOf(() => parseNpy(handmade(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }", new Uint8Array(16)), 'f.npy'));
    expect(f.code).toBe('ERR_NPY_UNSUPPORTED');
    expect(f.message).toBe('f.npy is stored in Fortran order; only C order is supported (save with np.ascontiguousarray)');
    const odd = errorOf(() => parseNpy(handmade(1, "{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }", new Uint8Array(8))));
    expect(odd.message).toContain("dtype '<c8' is not supported");
  });

  it('rejects truncated and malformed files', () => {
    const good = serializeNpy(ndarray(new Float32Array([1, 2, 3]), [3]));
    const cut = errorOf(() => parseNpy(good.subarray(0, good.length - 2), 'cut.npy'));
    expect(cut.code).toBe('ERR_NPY_FORMAT');
    expect(cut.message).toBe('Invalid .npy file cut.npy: data is truncated: shape (3) of <f4 needs 12 bytes, but only 10 follow the header');
    expect(errorOf(() => parseNpy(new Uint8Array([1, 2, 3]))).message).toContain('missing the \\x93NUMPY magic string');
    expect(errorOf(() => parseNpy(good.subarray(0, 40))).message).toBe('Invalid .npy file <buffer>: header of 118 bytes runs past the end of the file (40 bytes)');
    const v9 = good.slice();
    v9[6] = 9;
    expect(errorOf(() => parseNpy(v9)).message).toContain('Unsupported .npy format version 9.0');
    expect(errorOf(() => parseNpy(handmade(1, '{}', new Uint8Array(0)))).message).toContain('malformed header');
  });

  it('copies into an aligned buffer it owns, even from a pooled Node Buffer', () => {
    const bytes = serializeNpy(ndarray(new Float64Array([1.25, -7]), [2]));
    const pooled = Buffer.from(bytes); // small Buffers share a pool ArrayBuffer at a non-zero offset
    const back = parseNpy(pooled);
    expect(back.data).toEqual(new Float64Array([1.25, -7]));
    expect(back.data.byteOffset).toBe(0);
    expect(back.data.buffer.byteLength).toBe(16);
    pooled.fill(0);
    expect(back.data).toEqual(new Float64Array([1.25, -7]));
  });
});
