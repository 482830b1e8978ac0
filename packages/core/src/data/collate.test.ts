import { describe, expect, it } from 'vitest';
import { isMirError } from '../errors.js';
import { ndarray } from '../array/nd-array.js';
import { createCollate, defaultCollate, numberDType, stackArrays } from './collate.js';

function errorOf(fn: () => unknown): { code: string; message: string; details: Record<string, unknown> } {
  try {
    fn();
  } catch (error) {
    if (isMirError(error)) return { code: error.code, message: error.message, details: error.details };
    throw error;
  }
  throw new Error('expected a throw');
}

describe('defaultCollate', () => {
  it('stacks scalars by type', () => {
    expect(defaultCollate([1, 2, 3])).toEqual({ data: new Int32Array([1, 2, 3]), shape: [3], dtype: 'int32' });
    expect(defaultCollate([1, 2.5])).toEqual({ data: new Float64Array([1, 2.5]), shape: [2], dtype: 'float64' });
    expect(defaultCollate([1, 2 ** 31])).toMatchObject({ dtype: 'float64' });
    expect(defaultCollate([-(2 ** 31), 2 ** 31 - 1])).toMatchObject({ dtype: 'int32' });
    expect(defaultCollate([1n, -2n])).toEqual({ data: new BigInt64Array([1n, -2n]), shape: [2], dtype: 'int64' });
    expect(defaultCollate([true, false])).toEqual({ data: new Uint8Array([1, 0]), shape: [2], dtype: 'bool' });
    expect(defaultCollate(['a', 'b'])).toEqual(['a', 'b']);
    expect(defaultCollate([null, null])).toEqual([null, null]);
    expect(numberDType([Number.NaN])).toBe('float64');
  });

  it('stacks typed arrays and NdArrays into fresh buffers with a leading batch dim', () => {
    const a = new Float32Array([1, 2]);
    const b = new Float32Array([3, 4]);
    const out = defaultCollate<Float32Array, { data: Float32Array; shape: number[]; dtype: string }>([a, b]);
    expect(out).toEqual({ data: new Float32Array([1, 2, 3, 4]), shape: [2, 2], dtype: 'float32' });
    expect(out.data.buffer).not.toBe(a.buffer);
    const m = ndarray(new Int16Array([1, 2, 3, 4, 5, 6]), [2, 3]);
    expect(defaultCollate([m, m])).toMatchObject({ shape: [2, 2, 3], dtype: 'int16' });
    const big = defaultCollate([new BigInt64Array([5n]), new BigInt64Array([6n])]);
    expect(big).toEqual({ data: new BigInt64Array([5n, 6n]), shape: [2, 1], dtype: 'int64' });
    // a view into a larger buffer is copied correctly
    const backing = new Float64Array([9, 9, 1, 2, 9]);
    expect(stackArrays([backing.subarray(2, 4)]).data).toEqual(new Float64Array([1, 2]));
  });

  it('collates nested objects and arrays recursively', () => {
    const batch = defaultCollate([
      { x: new Float32Array([1]), meta: { id: 'a', tempo: 120, tags: ['p', 'q'] }, tokens: [1, 2, 3] },
      { x: new Float32Array([2]), meta: { id: 'b', tempo: 90.5, tags: ['r', 's'] }, tokens: [4, 5, 6] },
    ]);
    expect(batch).toEqual({
      x: { data: new Float32Array([1, 2]), shape: [2, 1], dtype: 'float32' },
      meta: { id: ['a', 'b'], tempo: { data: new Float64Array([120, 90.5]), shape: [2], dtype: 'float64' }, tags: [['p', 'r'], ['q', 's']] },
      tokens: { data: new Int32Array([1, 2, 3, 4, 5, 6]), shape: [2, 3], dtype: 'int32' },
    });
  });

  it('names the key path and sample index on key mismatches', () => {
    const e = errorOf(() => defaultCollate([{ a: 1, meta: { b: 1 } }, { a: 2, meta: { b: 1 } }, { a: 3, meta: { c: 1 } }]));
    expect(e.code).toBe('ERR_COLLATE');
    expect(e.message).toBe("Cannot collate field 'meta' (sample 2): missing key(s) 'meta.b' and unexpected key(s) 'meta.c' compared with sample 0");
    expect(e.details).toMatchObject({ path: 'meta', sampleIndex: 2 });
  });

  it('names the field, shapes and sample on shape mismatches and suggests padCollate', () => {
    const e = errorOf(() => defaultCollate([{ w: new Float32Array(4) }, { w: new Float32Array(4) }, { w: new Float32Array(3) }]));
    expect(e.code).toBe('ERR_COLLATE');
    expect(e.message).toContain("Cannot collate field 'w' (sample 2): shape [3] differs from sample 0's shape [4]");
    expect(e.message).toContain('padCollate()');
    expect(errorOf(() => defaultCollate([[1, 2], [1]])).message).toContain('padCollate()');
    expect(errorOf(() => defaultCollate([new Float32Array(1), new Float64Array(1)])).message).toContain('dtype float64 differs');
  });

  it('rejects mixed types, unsupported values and empty batches', () => {
    expect(errorOf(() => defaultCollate([{ v: 1 }, { v: 'x' }])).message).toBe("Cannot collate field 'v' (sample 1): it is a string but sample 0 is a number (number)");
    expect(errorOf(() => defaultCollate([new Map()])).message).toContain('no collate handler accepts an instance of Map');
    expect(errorOf(() => defaultCollate([])).message).toContain('the batch is empty');
    expect(errorOf(() => defaultCollate([2n ** 70n])).message).toContain('does not fit in int64');
  });
});

describe('createCollate', () => {
  it('tries custom handlers first, recursing through the context', () => {
    class Note {
      constructor(readonly pitch: number) {}
    }
    const collate = createCollate({
      handlers: [
        { name: 'Note', test: (v) => v instanceof Note, collate: (values, ctx) => ctx.collate(values.map((n) => (n as Note).pitch), `${ctx.path}.pitch`) },
        { name: 'string', test: (v) => typeof v === 'string', collate: (values) => values.join('|') },
      ],
    });
    expect(collate([{ n: new Note(60), s: 'a' }, { n: new Note(62), s: 'b' }])).toEqual({
      n: { data: new Int32Array([60, 62]), shape: [2], dtype: 'int32' },
      s: 'a|b',
    });
    const only = createCollate({ defaults: false, handlers: [{ name: 'n', test: (v) => typeof v === 'number', collate: (v) => v.length }] });
    expect(only([1, 2])).toBe(2);
    expect(() => only([{}])).toThrow(/no collate handler accepts a plain object/);
  });
});
