import { threadId } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { isMirError, type MirError } from '../errors.js';
import { createSyntheticDataset } from '../synthetic/synthetic-dataset.js';
import { DataLoader } from './data-loader.js';
import type { ModuleSpec } from './dataset-spec.js';
import { workerSeed } from './seeds.js';
import type { ThreadItem } from './test-utils/fixture-datasets.js';

const FIXTURES = new URL('./test-utils/fixture-datasets.ts', import.meta.url).href;
const fixture = (name: string, options?: unknown): ModuleSpec => (options === undefined ? { module: FIXTURES, export: name } : { module: FIXTURES, export: name, options });

async function collect<B>(loader: AsyncIterable<B>): Promise<B[]> {
  const out: B[] = [];
  for await (const b of loader) out.push(b);
  return out;
}

async function rejection(promise: Promise<unknown>): Promise<MirError> {
  try {
    await promise;
  } catch (error) {
    if (isMirError(error)) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

interface SyntheticBatch {
  index: { data: Int32Array };
  label: { data: Int32Array };
  features: { data: Float32Array; shape: number[] };
}

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
    const seen: unknown[] = [];
    const error = await rejection(
      (async () => {
        for await (const b of loader) seen.push(b);
      })(),
    );
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

  it('stops and terminates workers when the signal aborts', async () => {
    const controller = new AbortController();
    const loader = await DataLoader.fromSpec(fixture('slowDataset', { length: 400, delayMs: 20 }), { batchSize: 2, numWorkers: 2, signal: controller.signal });
    const started = performance.now();
    let n = 0;
    const error = await rejection(
      (async () => {
        for await (const _ of loader) if (++n === 1) setTimeout(() => controller.abort(), 10);
      })(),
    );
    expect(error.code).toBe('ERR_ABORTED');
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('fails with ERR_WORKER when a batch takes longer than timeout', async () => {
    const loader = await DataLoader.fromSpec(fixture('slowDataset', { length: 4, delayMs: 5000 }), { numWorkers: 1, timeout: 150 });
    const error = await rejection(collect(loader));
    expect(error.code).toBe('ERR_WORKER');
    expect(error.message).toMatch(/timed out after 150 ms waiting for batch 0 from worker 0/);
  });

  it('reads sharded iterable datasets from the workers in turn, with a module collate', async () => {
    const loader = await DataLoader.fromSpec<{ value: number }, { values: Float64Array }>(fixture('shardedStream', { length: 10 }), {
      batchSize: 2,
      numWorkers: 2,
      collate: fixture('scaleCollate', { factor: 10 }),
    });
    expect(loader.length).toBe(5);
    const batches = (await collect(loader)).map((b) => [...b.values]);
    expect(batches).toEqual([[0, 20], [10, 30], [40, 60], [50, 70], [80], [90]]);
    const failing = await DataLoader.fromSpec(fixture('shardedStream', { length: 10, failAt: 5 }), { batchSize: 2, numWorkers: 2 });
    const error = await rejection(collect(failing));
    expect(error.code).toBe('ERR_DATASET_ITEM');
    expect(error.message).toMatch(/failed to produce item 2: DataError: stream item 5 fails on purpose/);
  });

  it('builds registry datasets and resolves bare specifiers in workers', async () => {
    const loader = await DataLoader.fromRegistry('core/synthetic', { length: 6, shape: [2] }, { batchSize: 3, numWorkers: 1 });
    const batches = (await collect(loader)) as SyntheticBatch[];
    expect(batches.map((b) => [...b.index.data])).toEqual([[0, 1, 2], [3, 4, 5]]);
    const dataset = createSyntheticDataset({ length: 4, shape: [2] });
    const viaPackage = new DataLoader({ dataset, numWorkers: 1, batchSize: 4, spec: { module: '@mirkit/core', export: 'createSyntheticDataset', options: { length: 4, shape: [2] } } });
    expect(await collect(viaPackage)).toEqual(await collect(new DataLoader({ dataset, batchSize: 4 })));
  });

  it('reports worker set-up failures with the cause re-created', async () => {
    const dataset = createSyntheticDataset({ length: 4, shape: [2] });
    const unknown = new DataLoader({ dataset, numWorkers: 1, spec: { loader: 'core/nope' } });
    const error = await rejection(collect(unknown));
    expect(error.code).toBe('ERR_WORKER');
    expect(error.message).toMatch(/worker 0 could not set up dataset 'core\/nope': RegistryError: The loader 'core\/nope' is not registered\. Available: core\/synthetic/);
    expect((error.cause as MirError).code).toBe('ERR_NOT_REGISTERED');
    const mismatch = new DataLoader({ dataset, numWorkers: 1, spec: { loader: 'core/synthetic', options: { length: 5, shape: [2] } } });
    expect((await rejection(collect(mismatch))).message).toMatch(/rebuilt 'core\/synthetic' with length 5, but the main thread's has length 4/);
    const hook = new DataLoader({ dataset, numWorkers: 1, workerInit: fixture('recordInit', { fail: true }) });
    expect((await rejection(collect(hook))).message).toMatch(/workerInit failed on purpose in worker 0/);
    const notFn = await rejection(DataLoader.fromSpec(fixture('notAFunction')));
    expect(notFn.message).toMatch(/should be a dataset factory function, but got number/);
    const missing = await rejection(DataLoader.fromSpec({ module: './no/such/module.js', export: 'x' }));
    expect(missing.message).toMatch(/Cannot import spec\.module '\.\/no\/such\/module\.js'/);
  });
});
