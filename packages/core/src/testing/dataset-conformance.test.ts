import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng.js';
import { fromArray } from '../data/array-dataset.js';
import { mapDataset } from '../data/map-dataset.js';
import { padCollate } from '../data/pad-collate.js';
import type { Dataset } from '../data/dataset.js';
import { checkDatasetConformance, DatasetConformanceError, findBatchDimMismatches, findNonPlainData } from './dataset-conformance.js';

/** A small seeded dataset of the kind plugins produce. */
function noiseDataset(seed: number, length = 10, variable = false): Dataset<{ x: Float32Array; label: number; id: string }> {
  return {
    length,
    get(index) {
      if (!Number.isInteger(index) || index < 0 || index >= length) return fromArray([]).get(index) as never;
      const rng = createRng(seed * 1000 + index);
      const x = new Float32Array(variable ? 4 + (index % 3) : 4).map(() => rng.next());
      return Promise.resolve({ x, label: index % 3, id: `item-${index}` });
    },
  };
}

async function failuresOf(p: Promise<unknown>): Promise<readonly string[]> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DatasetConformanceError);
  return (error as DatasetConformanceError).failures;
}

describe('checkDatasetConformance', () => {
  it('passes a well-behaved seeded dataset and reports what it checked', async () => {
    const report = await checkDatasetConformance(() => noiseDataset(1), { name: 'noise' });
    expect(report).toEqual({ name: 'noise', length: 10, indices: [0, 5, 9], checks: ['length', 'get', 'out-of-range', 'plain-data', 'determinism', 'collate'] });
    await expect(checkDatasetConformance(fromArray([{ a: 1 }, { a: 2 }]))).resolves.toMatchObject({ length: 2 });
  });

  it('uses a given collate for variable-length items', async () => {
    const failures = await failuresOf(checkDatasetConformance(() => noiseDataset(1, 10, true)));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(/^collating 4 items threw: ConfigError: Cannot collate field 'x' \(sample 1\)/);
    await expect(checkDatasetConformance(() => noiseDataset(1, 10, true), { collate: padCollate({ fields: ['x'] }) })).resolves.toBeDefined();
  });

  it('catches nondeterminism across instances', async () => {
    let instance = 0;
    const failures = await failuresOf(checkDatasetConformance(() => noiseDataset(instance++)));
    expect(failures[0]).toMatch(/^item 0 differs on a second instance at x\[0\]: /);
  });

  it('catches out-of-range reads that do not throw a MirError', async () => {
    const lax: Dataset<number> = { length: 3, get: (i) => i * 2 };
    const failures = await failuresOf(checkDatasetConformance(lax));
    expect(failures).toEqual(['get(3) returned instead of throwing', 'get(-1) returned instead of throwing', 'get(0.5) returned instead of throwing']);
    const raw: Dataset<number> = {
      length: 1,
      get: (i) => {
        if (i !== 0) throw new RangeError('nope');
        return 1;
      },
    };
    expect((await failuresOf(checkDatasetConformance(raw)))[0]).toContain("threw a non-mirkit error (RangeError: nope); throw a MirError such as DataError('ERR_INDEX_OUT_OF_RANGE')");
  });

  it('catches non-plain items, bad lengths, empty datasets and failing reads', async () => {
    const withFn = mapDataset(fromArray([1, 2]), (v) => ({ v, f: () => v, when: new Date(0) }));
    const failures = await failuresOf(checkDatasetConformance(withFn, { deterministic: false }));
    expect(failures).toContain('item 0: f: is a function');
    expect(failures).toContain('item 0: when: is an instance of Date (items must be plain objects, arrays, primitives and typed arrays)');
    expect(await failuresOf(checkDatasetConformance({ length: -1, get: () => 0 }))).toEqual(['length should be a non-negative integer, but got -1']);
    expect(await failuresOf(checkDatasetConformance(fromArray([])))).toEqual(['length is 0 (pass allowEmpty: true if that is intended)']);
    await expect(checkDatasetConformance(fromArray([]), { allowEmpty: true })).resolves.toMatchObject({ length: 0, indices: [] });
    const broken = mapDataset(fromArray([1, 2, 3]), (v) => {
      if (v === 2) throw new TypeError('bad item');
      return v;
    });
    expect(await failuresOf(checkDatasetConformance(broken))).toContain('get(1) threw: TypeError: bad item');
  });

  it('checks batch leading dimensions', async () => {
    const weird = () => ({ x: { data: new Float32Array(2), shape: [2], dtype: 'float32' }, names: ['a'], nested: [{ data: new Int32Array(3), shape: [3], dtype: 'int32' }] });
    expect(findBatchDimMismatches(weird(), 2)).toEqual(['names: list of length 1 should have the batch size 2', 'nested[0]: NdArray shape [3] should lead with the batch size 2']);
    const failures = await failuresOf(checkDatasetConformance(fromArray([1, 2, 3]), { collate: () => ({ y: new Float32Array(5) }) }));
    expect(failures).toEqual(['collated batch: y: Float32Array of length 5 should have the batch size 3']);
  });

  it('findNonPlainData accepts plain data and flags the rest', () => {
    expect(findNonPlainData({ a: [1, 'x', null, undefined, 2n, true], b: new Float32Array(1), c: Object.create(null) as object })).toEqual([]);
    expect(findNonPlainData({ m: new Map(), s: Symbol('q'), buf: Buffer.alloc(1) })).toEqual([
      'm: is an instance of Map (items must be plain objects, arrays, primitives and typed arrays)',
      's: is a symbol',
      'buf: is a Buffer (use a plain typed array)',
    ]);
  });
});
