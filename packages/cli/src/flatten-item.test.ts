import { isMirError, ndarray } from '@mirkit/core';
import { describe, expect, it } from 'vitest';
import { flattenItem } from './flatten-item.js';

describe('flattenItem', () => {
  it('keeps scalars and strings, turns arrays into array fields, flattens nesting with dotted keys', () => {
    const wave = new Float32Array([1, 2, 3]);
    const mel = ndarray(new Float64Array(6), [2, 3]);
    const fields = flattenItem(
      {
        sampleId: 'a',
        label: 2,
        ok: true,
        none: null,
        skip: undefined,
        waveform: wave,
        features: { mel, n: 1 },
      },
      'item 0',
    );
    expect(fields).toEqual([
      { key: 'sampleId', kind: 'value', value: 'a' },
      { key: 'label', kind: 'value', value: 2 },
      { key: 'ok', kind: 'value', value: true },
      { key: 'none', kind: 'value', value: null },
      { key: 'waveform', kind: 'array', array: wave },
      { key: 'features.mel', kind: 'array', array: mel },
      { key: 'features.n', kind: 'value', value: 1 },
    ]);
  });

  it('converts bigint to a number when safe and to a string otherwise; non-finite numbers and dates to strings', () => {
    const fields = flattenItem({ a: 5n, b: 2n ** 60n, c: NaN, d: -Infinity, e: new Date(0) }, 'item 0');
    expect(fields.map((f) => (f.kind === 'value' ? f.value : undefined))).toEqual([
      5,
      '1152921504606846976',
      'NaN',
      '-Infinity',
      '1970-01-01T00:00:00.000Z',
    ]);
  });

  it('keeps arrays of scalars inline and indexes arrays of arrays', () => {
    const a = new Int32Array([1]);
    const b = new Int32Array([2]);
    expect(flattenItem({ tags: ['x', 'y'], ids: [1n, 2], frames: [a, b] }, 'item 0')).toEqual([
      { key: 'tags', kind: 'value', value: ['x', 'y'] },
      { key: 'ids', kind: 'value', value: [1, 2] },
      { key: 'frames.0', kind: 'array', array: a },
      { key: 'frames.1', kind: 'array', array: b },
    ]);
  });

  it('exports a non-object item as the field "value"', () => {
    expect(flattenItem(7, 'item 0')).toEqual([{ key: 'value', kind: 'value', value: 7 }]);
    const data = new Uint8Array(2);
    expect(flattenItem(data, 'item 0')).toEqual([{ key: 'value', kind: 'array', array: data }]);
  });

  it('rejects values it cannot export, naming the item and the field', () => {
    let error: unknown;
    try {
      flattenItem({ meta: { lookup: new Map() } }, 'loader x item 4');
    } catch (e) {
      error = e;
    }
    expect(isMirError(error) && error.code).toBe('ERR_DATASET_ITEM');
    expect((error as Error).message).toBe(
      "loader x item 4, field 'meta.lookup': cannot export a value of type Map (expected numbers, strings, booleans, typed arrays, NdArrays, arrays or plain objects)",
    );
  });
});
