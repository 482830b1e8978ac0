import { describe, expect, it } from 'vitest';
import { isMirError } from '../errors.js';
import { datasetSpecOf } from '../loader/dataset-spec.js';
import { core } from '../plugin.js';
import { Registry } from '../registry/registry.js';
import { createSyntheticDataset, SyntheticDataset } from './synthetic-dataset.js';

describe('SyntheticDataset', () => {
  it('is a deterministic function of (seed, index)', () => {
    const a = createSyntheticDataset({ length: 50, shape: [2, 100], seed: 9 });
    const b = new SyntheticDataset({ length: 50, shape: [2, 100], seed: 9 });
    const item = a.get(17);
    expect(item.index).toBe(17);
    expect(item.features.shape).toEqual([2, 100]);
    expect(item.features.dtype).toBe('float32');
    expect(item.features.data).toBeInstanceOf(Float32Array);
    expect(item.features.data).toHaveLength(200);
    expect(b.get(17)).toEqual(item);
    expect(a.get(18).features.data).not.toEqual(item.features.data);
    expect(new SyntheticDataset({ length: 50, shape: [2, 100], seed: 10 }).get(17).features.data).not.toEqual(item.features.data);
    // Values: a sine of amplitude ≤ 1 plus noise ≤ 0.1.
    for (const v of item.features.data) expect(Math.abs(v)).toBeLessThanOrEqual(1.1);
  });

  it('draws labels in range, all classes appearing, with a class-dependent frequency', () => {
    const d = new SyntheticDataset({ length: 200, shape: [400], numClasses: 4, noise: 0 });
    const labels = Array.from({ length: 200 }, (_, i) => d.get(i).label);
    expect(new Set(labels)).toEqual(new Set([0, 1, 2, 3]));
    // Zero crossings grow with the label (the frequency is (label + 1) · 0.4 / (numClasses + 1) cycles/sample).
    const crossings = (i: number) => {
      const x = d.get(i).features.data;
      let n = 0;
      for (let j = 1; j < x.length; j++) if (Math.sign(x[j]!) !== Math.sign(x[j - 1]!)) n++;
      return n;
    };
    const byLabel = [0, 1, 2, 3].map((l) => crossings(labels.indexOf(l)));
    expect(byLabel).toEqual([...byLabel].sort((p, q) => p - q));
    expect(byLabel[0]).toBeGreaterThan(50);
  });

  it('supports float64, failAt and reports bad indices and options', () => {
    const d = new SyntheticDataset({ length: 5, shape: [3], dtype: 'float64', failAt: [2] });
    expect(d.get(0).features.data).toBeInstanceOf(Float64Array);
    expect(() => d.get(2)).toThrow(expect.objectContaining({ code: 'ERR_DATASET_ITEM', message: expect.stringMatching(/item 2 fails on purpose/) }));
    expect(() => d.get(5)).toThrow(/Index 5 is out of range for a synthetic dataset of length 5/);
    expect(() => new SyntheticDataset({ length: -1 })).toThrow(/length should be a non-negative integer, but got -1/);
    expect(() => new SyntheticDataset({ length: 2, shape: [0] })).toThrow(/shape\[0\] should be a positive integer/);
    expect(() => new SyntheticDataset({ length: 2, dtype: 'int8' as never })).toThrow(/dtype should be one of 'float32', 'float64'/);
    expect(() => new SyntheticDataset({ length: 2, noise: -1 })).toThrow(/noise should be non-negative/);
    expect(() => new SyntheticDataset({ length: 2, failAt: [1.5] })).toThrow(/failAt\[0\] should be a non-negative integer/);
    try {
      new SyntheticDataset(undefined as never);
    } catch (error) {
      expect(isMirError(error) && error.code).toBe('ERR_INVALID_OPTION');
    }
  });

  it('is registered by core() as core/synthetic and remembers its spec', async () => {
    const registry = new Registry().use(core());
    expect(registry.names('loader')).toEqual(['core/synthetic']);
    const d = await registry.create('loader', 'core/synthetic', { length: 3, shape: [2], seed: 4 });
    expect(d).toBeInstanceOf(SyntheticDataset);
    expect(datasetSpecOf(d)).toEqual({
      loader: 'core/synthetic',
      options: { length: 3, shape: [2], numClasses: 10, seed: 4, dtype: 'float32', noise: 0.1, failAt: [] },
    });
    expect(datasetSpecOf(new SyntheticDataset({ length: 1 }))).toBeUndefined();
  });
});
