import { threadId } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { isMirError, type MirError } from '../errors.js';
import { createSyntheticDataset } from '../synthetic/synthetic-dataset.js';
import { DataLoader } from './data-loader.js';
import { workerSeed } from './seeds.js';
import type { ThreadItem } from './test-utils/fixture-datasets.js';
import { collect, fixture, untilError, type SyntheticBatch } from './test-utils/helpers.js';

describe('DataLoader with worker threads', () => {
  it('yields exactly the batches of numWorkers 0 for the same seed, with shuffle, epoch after epoch', async () => {
    const dataset = createSyntheticDataset({ length: 45, shape: [3, 50], seed: 3 });
    const inProcess = new DataLoader({ dataset, batchSize: 8, shuffle: true, seed: 11 });
    const workers = new DataLoader({ dataset, batchSize: 8, shuffle: true, seed: 11, numWorkers: 2, persistentWorkers: true, prefetchFactor: 3 });
    try {
      for (let epoch = 0; epoch < 2; epoch++) {
        const expected = (await collect(inProcess)) as SyntheticBatch[];
        const got = (await collect(workers)) as SyntheticBatch[];
        expect(got).toHaveLength(6);
        expect(got).toEqual(expected);
        expect(got[0]!.features.data).toBeInstanceOf(Float32Array);
        expect(got[0]!.features.shape).toEqual([8, 3, 50]);
        const bytes = got.reduce((sum, b) => sum + b.features.data.byteLength + b.index.data.byteLength + b.label.data.byteLength, 0);
        expect(workers.lastEpochReport).toMatchObject({ epoch, completed: true, batches: 6, items: 45, bytesTransferred: bytes });
      }
      // Epochs differ (reseeded), so the comparison above covered two different orders.
      inProcess.setEpoch(0);
      const e0 = ((await collect(inProcess)) as SyntheticBatch[]).flatMap((b) => [...b.index.data]);
      const e1 = ((await collect(inProcess)) as SyntheticBatch[]).flatMap((b) => [...b.index.data]);
      expect(e0).not.toEqual(e1);
    } finally {
      await workers.close();
    }
  });

  it('keeps persistent workers (initialised once) between epochs and replaces the others', async () => {
    const spec = fixture('threadDataset', { length: 8 });
    const run = async (persistentWorkers: boolean) => {
      const loader = await DataLoader.fromSpec<ThreadItem, ThreadItem>(spec, {
        batchSize: null,
        numWorkers: 2,
        persistentWorkers,
        seed: 5,
        workerInit: fixture('recordInit'),
      });
      const epochs = [await collect(loader), await collect(loader)];
      await loader.close();
      return epochs;
    };
    const [p0, p1] = await run(true);
    const threads = (items: ThreadItem[]) => new Set(items.map((i) => i.thread));
    expect(threads(p0!).size).toBe(2);
    expect(threads(p0!).has(threadId)).toBe(false);
    expect(threads(p1!)).toEqual(threads(p0!));
    for (const [epoch, items] of [p0!, p1!].entries()) {
      items.forEach((item, task) => {
        // Task k goes to worker k % 2 (round-robin); the hook ran once, at start-up (epoch 0).
        expect(item.infoSeed).toBe(workerSeed(5, epoch, task % 2));
        expect(item.initSeed).toBe(workerSeed(5, 0, task % 2));
      });
    }
    const [n0, n1] = await run(false);
    expect([...threads(n1!)].some((t) => threads(n0!).has(t))).toBe(false);
    n1!.forEach((item, task) => expect(item.initSeed).toBe(workerSeed(5, 1, task % 2)));
  });

  it("re-creates a worker's item error on the main thread under 'raise'", async () => {
    const dataset = createSyntheticDataset({ length: 16, shape: [4], failAt: [9] });
    const loader = new DataLoader({ dataset, batchSize: 4, numWorkers: 2 });
    const { seen, error } = await untilError(loader);
    expect(seen).toHaveLength(2);
    expect(error.name).toBe('DataError');
    expect(error.code).toBe('ERR_DATASET_ITEM');
    expect(error.message).toBe("Dataset 'core/synthetic' failed to load item 9: DataError: Synthetic item 9 fails on purpose (it is listed in failAt)");
    expect(error.details).toEqual({ dataset: 'core/synthetic', index: 9 });
    expect(error.stack).toMatch(/fetch-batch/);
    const cause = error.cause as MirError;
    expect(isMirError(cause) && cause.code).toBe('ERR_DATASET_ITEM');
    expect(cause.name).toBe('DataError');
    expect(cause.stack).toMatch(/synthetic-dataset/);
    expect(loader.lastEpochReport?.completed).toBe(false);
  });

  it("skips failing items in workers under 'skip' exactly like the calling thread", async () => {
    const dataset = createSyntheticDataset({ length: 20, shape: [6], failAt: [0, 3, 4, 5, 6, 17] });
    const options = { dataset, batchSize: 4, shuffle: true, seed: 2, errorPolicy: 'skip' as const, onEpochEnd: () => undefined };
    const local = new DataLoader(options);
    const expected = await collect(local);
    const loader = new DataLoader({ ...options, numWorkers: 2 });
    const got = await collect(loader);
    expect(got).toEqual(expected);
    const report = loader.lastEpochReport!;
    expect(report.items).toBe(14);
    expect(report.skipped.map((s) => s.index)).toEqual(local.lastEpochReport!.skipped.map((s) => s.index));
    expect([...report.skipped.map((s) => s.index)].sort((a, b) => a - b)).toEqual([0, 3, 4, 5, 6, 17]);
    const first = report.skipped[0]!.error as MirError;
    expect(first.code).toBe('ERR_DATASET_ITEM');
    expect(first.message).toMatch(/^Dataset 'core\/synthetic' failed to load item \d+: DataError: Synthetic item \d+ fails on purpose/);
    expect(isMirError(first.cause)).toBe(true);
  });

  it('closes persistent workers with Symbol.asyncDispose', async () => {
    const loader = new DataLoader({ dataset: createSyntheticDataset({ length: 4, shape: [2] }), numWorkers: 1, persistentWorkers: true });
    expect(await collect(loader)).toHaveLength(4);
    await loader[Symbol.asyncDispose]();
    // A closed loader starts fresh workers when iterated again.
    expect(await collect(loader)).toHaveLength(4);
    await loader.close();
  });
});
