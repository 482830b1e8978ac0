import { describe, expect, it } from 'vitest';
import { fixedLengthCollate, padCollate } from './pad-collate.js';

describe('padCollate', () => {
  it('pads the fields whose lengths differ, collates the rest, single set of lengths/mask', () => {
    const collate = padCollate({ padValue: 0 });
    const batch = collate([
      { audio: new Float32Array([1, 2, 3]), label: 2, id: 'a' },
      { audio: new Float32Array([4]), label: 0, id: 'b' },
    ]);
    expect(batch).toEqual({
      label: { data: new Int32Array([2, 0]), shape: [2], dtype: 'int32' },
      id: ['a', 'b'],
      audio: { data: new Float32Array([1, 2, 3, 4, 0, 0]), shape: [2, 3], dtype: 'float32' },
      lengths: new Int32Array([3, 1]),
      attentionMask: { data: new Uint8Array([1, 1, 1, 1, 0, 0]), shape: [2, 3], dtype: 'uint8' },
    });
  });

  it('returns per-field records when several fields are padded', () => {
    const batch = padCollate({ fields: ['a', 'b'] })([
      { a: [1, 2], b: new Uint8Array([1]) },
      { a: [3], b: new Uint8Array([1, 2, 3]) },
    ]);
    expect(batch.lengths).toEqual({ a: new Int32Array([2, 1]), b: new Int32Array([1, 3]) });
    expect((batch.attentionMask as Record<string, { shape: readonly number[] }>).b!.shape).toEqual([2, 3]);
    expect(batch.a).toEqual({ data: new Int32Array([1, 2, 3, 0]), shape: [2, 2], dtype: 'int32' });
  });

  it('pads bare array items and equal-length batches with explicit fields', () => {
    const bare = padCollate({ side: 'left' })([new Float32Array([1]), new Float32Array([2, 3])]);
    expect(bare.data).toEqual({ data: new Float32Array([0, 1, 2, 3]), shape: [2, 2], dtype: 'float32' });
    expect(bare.lengths).toEqual(new Int32Array([1, 2]));
    const equal = [{ x: new Float32Array(2) }, { x: new Float32Array(2) }];
    expect(padCollate()(equal).lengths).toBeUndefined();
    expect(padCollate({ fields: ['x'] })(equal).lengths).toEqual(new Int32Array([2, 2]));
  });

  it('rejects missing fields and name clashes', () => {
    expect(() => padCollate({ fields: ['x'] })([{ x: [1] }, { y: [1] }])).toThrow("Cannot collate field 'x' (sample 1): field to pad is missing");
    expect(() => padCollate({ fields: ['x'] })([{ x: [1], lengths: 1 }])).toThrow(/already have a field 'lengths'/);
    expect(() => padCollate()([1, 2])).toThrow(/expected an object \(or an array\) per item/);
  });
});

describe('fixedLengthCollate', () => {
  it('pads or truncates the only array field to N', () => {
    const batch = fixedLengthCollate({ length: 3 })([
      { w: new Float32Array([1, 2, 3, 4, 5]), y: 1 },
      { w: new Float32Array([6]), y: 2 },
    ]);
    expect(batch.w).toEqual({ data: new Float32Array([1, 2, 3, 6, 0, 0]), shape: [2, 3], dtype: 'float32' });
    expect(batch.lengths).toEqual(new Int32Array([3, 1]));
    expect(batch.y).toEqual({ data: new Int32Array([1, 2]), shape: [2], dtype: 'int32' });
    const tail = fixedLengthCollate({ length: 2, truncate: 'start' })([{ w: new Float32Array([1, 2, 3]) }]);
    expect((tail.w as { data: Float32Array }).data).toEqual(new Float32Array([2, 3]));
  });

  it('asks for fields when there are several arrays, validates length', () => {
    expect(() => fixedLengthCollate({ length: 2 })([{ a: [1], b: [2] }])).toThrow(/several array fields \(a, b\); pass fields/);
    expect(fixedLengthCollate({ length: 2, fields: ['a'] })([{ a: [1], b: [2] }]).b).toEqual({ data: new Int32Array([2]), shape: [1, 1], dtype: 'int32' });
    expect(() => fixedLengthCollate({ length: 0 })).toThrow('length should be a positive integer, but got 0');
  });
});
