import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng.js';
import { fromArray } from './array-dataset.js';
import { StratifiedBatchSampler, type StratumLabel } from './stratified-batch-sampler.js';

function labelsFromSizes(sizes: number[], rng = createRng(0)): number[] {
  const labels = sizes.flatMap((n, c) => Array.from({ length: n }, () => c));
  for (let i = labels.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [labels[i], labels[j]] = [labels[j]!, labels[i]!];
  }
  return labels;
}

/** Runs one epoch and checks every invariant; returns the batches. */
function checkEpoch(labels: StratumLabel[], batchSize: number, dropLast: boolean, seed = 0): number[][] {
  const s = new StratifiedBatchSampler(labels, { batchSize, dropLast, seed });
  const N = labels.length;
  const batches: number[][] = [];
  for (const b of s) {
    batches.push(b);
    if (batches.length > s.length) throw new Error('more batches than length');
  }
  expect(batches.length).toBe(s.length);
  const full = Math.floor(N / batchSize);
  batches.forEach((b, k) => expect(b.length).toBe(k < full ? batchSize : N - full * batchSize));
  const seen = batches.flat();
  expect(new Set(seen).size).toBe(seen.length);
  expect(seen.length).toBe(dropLast ? full * batchSize : N);
  expect(seen.every((i) => Number.isInteger(i) && i >= 0 && i < N)).toBe(true);
  const totals = new Map<StratumLabel, number>();
  for (const l of labels) totals.set(l, (totals.get(l) ?? 0) + 1);
  for (const b of batches) {
    const counts = new Map<StratumLabel, number>();
    for (const i of b) counts.set(labels[i]!, (counts.get(labels[i]!) ?? 0) + 1);
    for (const [label, n] of totals) {
      const ideal = (n * b.length) / N;
      expect(Math.abs((counts.get(label) ?? 0) - ideal)).toBeLessThanOrEqual(1 + 1e-9);
    }
  }
  return batches;
}

describe('StratifiedBatchSampler', () => {
  it('balances uneven classes (1, 3, 17, 50) and covers every index once', () => {
    const labels = labelsFromSizes([1, 3, 17, 50]);
    for (const bs of [1, 2, 4, 7, 8, 16, 32, 70, 71, 100]) {
      checkEpoch(labels, bs, false);
      checkEpoch(labels, bs, true);
    }
    // with 71 items and batch 8 the 50-item class gets 5 or 6 per full batch (ideal 5.63)
    const batches = checkEpoch(labels, 8, false);
    for (const b of batches.slice(0, -1)) {
      const big = b.filter((i) => labels[i] === 3).length;
      expect([5, 6]).toContain(big);
    }
  });

  it('handles a single class, batchSize > n, and no items', () => {
    expect(checkEpoch(Array(10).fill('x'), 4, false).map((b) => b.length)).toEqual([4, 4, 2]);
    expect(checkEpoch(['a', 'b', 'b'], 10, false)).toHaveLength(1);
    expect(checkEpoch(['a', 'b', 'b'], 10, true)).toHaveLength(0);
    expect(checkEpoch([], 4, false)).toHaveLength(0);
  });

  it('derives class lists from labels: empty classes cannot occur, and labels can be any primitive', () => {
    const s = new StratifiedBatchSampler(['rock', 'jazz', 'rock', 3, true, 3], { batchSize: 2 });
    expect(s.classes).toEqual(['rock', 'jazz', 3, true]);
    expect(s.classIndices).toEqual([[0, 2], [1], [3, 5], [4]]);
    expect(() => new StratifiedBatchSampler([1, Number.NaN], { batchSize: 2 })).toThrow('labels[1] should be a string, number, bigint or boolean (not NaN), but got NaN');
    expect(() => new StratifiedBatchSampler([1, null as never], { batchSize: 2 })).toThrow(/labels\[1\]/);
    expect(() => new StratifiedBatchSampler([1], { batchSize: 0 })).toThrow('batchSize should be a positive integer, but got 0');
  });

  it('terminates, covers and balances over many random configurations', () => {
    const rng = createRng(2024);
    for (let t = 0; t < 250; t++) {
      const C = 1 + rng.int(7);
      const sizes = Array.from({ length: C }, () => (rng.int(4) === 0 ? rng.int(3) : rng.int(60)));
      const labels = labelsFromSizes(sizes, rng);
      const bs = 1 + rng.int(33);
      checkEpoch(labels, bs, rng.int(2) === 0, t);
    }
  });

  it('is reproducible per (seed, epoch) and reshuffles across epochs', () => {
    const labels = labelsFromSizes([5, 9, 30]);
    const a = new StratifiedBatchSampler(labels, { batchSize: 6, seed: 11 });
    const e0 = [...a];
    const e1 = [...a];
    expect(e1).not.toEqual(e0);
    const b = new StratifiedBatchSampler(labels, { batchSize: 6, seed: 11 });
    b.setEpoch(1);
    expect([...b]).toEqual(e1);
    expect([...b]).toEqual(e1);
    b.setEpoch(0);
    expect([...b]).toEqual(e0);
  });

  it('keeps index order per class without shuffle', () => {
    const s = new StratifiedBatchSampler([0, 1, 0, 1, 0, 1, 0, 0], { batchSize: 4, shuffle: false });
    expect([...s]).toEqual([[0, 2, 4, 1], [6, 7, 3, 5]]);
  });

  it('builds from a dataset with a key function', async () => {
    const ds = fromArray([{ tier: 'a' }, { tier: 'b' }, { tier: 'a' }, { tier: 'a' }]);
    const s = await StratifiedBatchSampler.fromDataset(ds, (item) => item.tier, { batchSize: 2, seed: 1 });
    expect(s.classes).toEqual(['a', 'b']);
    expect([...s].flat().sort()).toEqual([0, 1, 2, 3]);
  });

  it('terminates where SOUSA upstream loops forever (tiers 10,10,10,10 / 9,8,8,8, batch 16)', () => {
    for (const sizes of [[10, 10, 10, 10], [9, 8, 8, 8], [17000 / 100, 23800 / 100, 17000 / 100, 10200 / 100]]) {
      const labels = labelsFromSizes(sizes);
      const batches = checkEpoch(labels, 16, false);
      expect(batches.length).toBe(Math.ceil(labels.length / 16));
    }
  });
});
