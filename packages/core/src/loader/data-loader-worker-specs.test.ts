import { describe, expect, it } from 'vitest';
import type { MirError } from '../errors.js';
import { createSyntheticDataset } from '../synthetic/synthetic-dataset.js';
import { DataLoader } from './data-loader.js';
import { collect, fixture, rejection, untilError, type SyntheticBatch } from './test-utils/helpers.js';

describe('DataLoader with worker threads: specs, iterable datasets, failures', () => {
  it('stops and terminates workers when the signal aborts', async () => {
    const controller = new AbortController();
    const loader = await DataLoader.fromSpec(fixture('slowDataset', { length: 400, delayMs: 20 }), { batchSize: 2, numWorkers: 2, signal: controller.signal });
    let abortedAt = 0;
    let n = 0;
    const { error } = await untilError(
      (async function* () {
        for await (const b of loader) {
          if (++n === 1) {
            setTimeout(() => {
              abortedAt = performance.now();
              controller.abort();
            }, 10);
          }
          yield b;
        }
      })(),
    );
    expect(error.code).toBe('ERR_ABORTED');
    expect(performance.now() - abortedAt).toBeLessThan(1000);
    expect(n).toBeLessThan(50); // of 200 batches
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
    // Uneven shards (4, 3, 3 items): once workers 1 and 2 run dry, worker 0 alone yields the last item.
    const uneven = await DataLoader.fromSpec<{ value: number }, { value: number }>(fixture('shardedStream', { length: 10 }), { batchSize: null, numWorkers: 3 });
    expect((await collect(uneven)).map((item) => item.value)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
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
