import { describe, expect, it, vi } from 'vitest';
import { BatchSampler } from '../data/batch-sampler.js';
import type { Dataset, IterableDataset } from '../data/dataset.js';
import { SequentialSampler } from '../data/sequential-sampler.js';
import { isMirError } from '../errors.js';
import { createSyntheticDataset } from '../synthetic/synthetic-dataset.js';
import { DataLoader } from './data-loader.js';
import { collect, rejection, untilError } from './test-utils/helpers.js';

const range = (n: number): Dataset<number> => ({ length: n, get: (i) => i });

const indicesOf = (batches: unknown[]): number[][] => batches.map((b) => [...((b as { data: Int32Array }).data)]);

function stream(n: number, failAt?: number): IterableDataset<number> {
  return {
    length: n,
    async *[Symbol.asyncIterator]() {
      for (let i = 0; i < n; i++) {
        if (i === failAt) throw new RangeError(`stream broke at ${i}`);
        yield i;
      }
    },
  };
}

describe('DataLoader (in-process)', () => {
  it('batches in order with the default collate and follows torch length rules', async () => {
    const loader = new DataLoader({ dataset: range(10), batchSize: 4 });
    expect(loader.length).toBe(3);
    expect(indicesOf(await collect(loader))).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
    const dropping = new DataLoader({ dataset: range(10), batchSize: 4, dropLast: true });
    expect(dropping.length).toBe(2);
    expect(indicesOf(await collect(dropping))).toEqual([[0, 1, 2, 3], [4, 5, 6, 7]]);
    expect(new DataLoader({ dataset: range(10) }).length).toBe(10);
  });

  it('yields items uncollated with batchSize null', async () => {
    const loader = new DataLoader({ dataset: range(3), batchSize: null });
    expect(loader.length).toBe(3);
    expect(await collect(loader)).toEqual([0, 1, 2]);
  });

  it('uses a batchSampler and a custom collate', async () => {
    const batchSampler = new BatchSampler(new SequentialSampler(5), 2, true);
    const loader = new DataLoader<number, number>({ dataset: range(5), batchSampler, collate: (xs) => xs.reduce((a, b) => a + b, 0) });
    expect(loader.length).toBe(2);
    expect(loader.batchSize).toBeNull();
    expect(await collect(loader)).toEqual([1, 5]);
  });

  it('reshuffles every epoch from (seed, epoch) and reproduces across loaders', async () => {
    const make = () => new DataLoader({ dataset: range(32), batchSize: 8, shuffle: true, seed: 7 });
    const a = make();
    const e0 = indicesOf(await collect(a)).flat();
    const e1 = indicesOf(await collect(a)).flat();
    expect(e0).not.toEqual(e1);
    expect([...e0].sort((x, y) => x - y)).toEqual(Array.from({ length: 32 }, (_, i) => i));
    const b = make();
    expect(indicesOf(await collect(b)).flat()).toEqual(e0);
    expect(indicesOf(await collect(b)).flat()).toEqual(e1);
    b.setEpoch(0);
    expect(b.epoch).toBe(0);
    expect(indicesOf(await collect(b)).flat()).toEqual(e0);
    const other = new DataLoader({ dataset: range(32), batchSize: 8, shuffle: true, seed: 8 });
    expect(indicesOf(await collect(other)).flat()).not.toEqual(e0);
  });

  it('calls setEpoch on a given sampler at the start of every epoch', async () => {
    const calls: number[] = [];
    const sampler = {
      length: 3,
      setEpoch: (e: number) => void calls.push(e),
      *[Symbol.iterator]() {
        yield* [2, 0, 1];
      },
    };
    const loader = new DataLoader({ dataset: range(3), sampler, batchSize: 2 });
    expect(indicesOf(await collect(loader))).toEqual([[2, 0], [1]]);
    loader.setEpoch(5);
    await collect(loader);
    await collect(loader);
    expect(calls).toEqual([0, 5, 6]);
    expect(() => loader.setEpoch(-1)).toThrow(/epoch should be a non-negative integer/);
  });

  it('validates options with torch wording', () => {
    const dataset = range(4);
    const bs = new BatchSampler(new SequentialSampler(4), 2);
    const bad: [object, RegExp][] = [
      [{ batchSampler: bs, batchSize: 2 }, /batchSampler option is mutually exclusive with batchSize, shuffle, sampler, and dropLast/],
      [{ batchSampler: bs, shuffle: true }, /mutually exclusive with batchSize, shuffle, sampler, and dropLast/],
      [{ batchSampler: bs, dropLast: true }, /mutually exclusive/],
      [{ sampler: new SequentialSampler(4), shuffle: true }, /sampler option is mutually exclusive with shuffle/],
      [{ batchSize: null, dropLast: true }, /batchSize=null option disables auto-batching and is mutually exclusive with dropLast/],
      [{ batchSize: 0 }, /batchSize should be a positive integer, but got 0/],
      [{ numWorkers: -1 }, /numWorkers option should be a non-negative integer, but got -1/],
      [{ timeout: -5 }, /timeout option should be non-negative/],
      [{ prefetchFactor: 2 }, /prefetchFactor option could only be specified with worker threads/],
      [{ persistentWorkers: true }, /persistentWorkers option needs numWorkers > 0/],
      [{ errorPolicy: 'ignore' }, /errorPolicy should be one of 'raise', 'skip', but got 'ignore'/],
      [{ numWorkers: 1 }, /a plain in-memory dataset works only with numWorkers 0/],
      [{ batchSize: null, collate: (x: unknown) => x }, /collate option is not used when batchSize is null/],
      [{ collate: 'stack' }, /collate should be one of 'default', 'pad', 'fixed-length'/],
    ];
    for (const [options, message] of bad) {
      expect(() => new DataLoader({ dataset, ...options } as never), JSON.stringify(options)).toThrow(message);
    }
    expect(() => new DataLoader({ dataset: createSyntheticDataset({ length: 4 }), numWorkers: 1, collate: (x: unknown) => x } as never)).toThrow(
      /collate must be a CollateSpec when numWorkers > 0/,
    );
    expect(() => new DataLoader({ dataset: { loader: 'core/synthetic' } } as never)).toThrow(/DataLoader\.fromSpec/);
    expect(() => new DataLoader({ dataset: 42 } as never)).toThrow(/map-style dataset/);
    try {
      new DataLoader({ dataset, batchSize: -1 });
    } catch (error) {
      expect(isMirError(error) && error.code).toBe('ERR_INVALID_OPTION');
      expect((error as Error).name).toBe('ConfigError');
    }
  });

  it('rejects shuffle, sampler and batchSampler for iterable datasets and derives length from the dataset', () => {
    const dataset = stream(10);
    expect(() => new DataLoader({ dataset, shuffle: true })).toThrow(/expected unspecified shuffle option, but got shuffle=true/);
    expect(() => new DataLoader({ dataset, sampler: new SequentialSampler(3) })).toThrow(/expected unspecified sampler option/);
    expect(() => new DataLoader({ dataset, batchSampler: new BatchSampler(new SequentialSampler(3), 1) })).toThrow(/expected unspecified batchSampler/);
    expect(new DataLoader({ dataset, batchSize: 3 }).length).toBe(4);
    expect(new DataLoader({ dataset, batchSize: 3, dropLast: true }).length).toBe(3);
    expect(new DataLoader({ dataset, batchSize: null }).length).toBe(10);
    const unknown: IterableDataset<number> = { [Symbol.asyncIterator]: stream(1)[Symbol.asyncIterator] };
    expect(new DataLoader({ dataset: unknown, batchSize: 2 }).length).toBeUndefined();
  });

  it('iterates an iterable dataset in the calling thread', async () => {
    expect(indicesOf(await collect(new DataLoader({ dataset: stream(7), batchSize: 3 })))).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
    expect(indicesOf(await collect(new DataLoader({ dataset: stream(7), batchSize: 3, dropLast: true })))).toEqual([[0, 1, 2], [3, 4, 5]]);
    const { seen, error } = await untilError(new DataLoader({ dataset: stream(7, 5), batchSize: 2, name: 'numbers' }));
    expect(seen).toHaveLength(2);
    expect(error.code).toBe('ERR_DATASET_ITEM');
    expect(error.message).toBe("Dataset 'numbers' failed to produce item 5: RangeError: stream broke at 5");
    expect(error.cause).toBeInstanceOf(RangeError);
  });

  it("raises ERR_DATASET_ITEM naming dataset, index and cause under 'raise'", async () => {
    const dataset = createSyntheticDataset({ length: 12, shape: [4], failAt: [5] });
    const loader = new DataLoader({ dataset, batchSize: 4 });
    const { seen, error } = await untilError(loader);
    expect(seen).toHaveLength(1);
    expect(error.name).toBe('DataError');
    expect(error.code).toBe('ERR_DATASET_ITEM');
    expect(error.message).toBe("Dataset 'core/synthetic' failed to load item 5: DataError: Synthetic item 5 fails on purpose (it is listed in failAt)");
    expect(error.details).toEqual({ dataset: 'core/synthetic', index: 5 });
    expect(isMirError(error.cause) && error.cause.code).toBe('ERR_DATASET_ITEM');
    expect(loader.lastEpochReport).toMatchObject({ completed: false, batches: 1 });
  });

  it("skips failing items under 'skip' and reports them at epoch end", async () => {
    const dataset = createSyntheticDataset({ length: 12, shape: [4], failAt: [1, 6, 7] });
    const onSkip = vi.fn();
    const onEpochEnd = vi.fn();
    const loader = new DataLoader({ dataset, batchSize: 4, errorPolicy: 'skip', onSkip, onEpochEnd });
    const batches = (await collect(loader)) as { index: { data: Int32Array } }[];
    expect(batches.map((b) => [...b.index.data])).toEqual([[0, 2, 3], [4, 5], [8, 9, 10, 11]]);
    const report = loader.lastEpochReport!;
    expect(report).toMatchObject({ epoch: 0, completed: true, batches: 3, items: 9, bytesTransferred: 0 });
    expect(report.skipped.map((s) => s.index)).toEqual([1, 6, 7]);
    expect(report.skipped[0]!.error.message).toMatch(/Dataset 'core\/synthetic' failed to load item 1: DataError: Synthetic item 1 fails/);
    expect(onSkip).toHaveBeenCalledTimes(3);
    expect(onSkip.mock.calls[0]![1]).toBe(0);
    expect(onEpochEnd).toHaveBeenCalledWith(report);
  });

  it('warns about skipped items when no callback is set', async () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const dataset = createSyntheticDataset({ length: 4, shape: [2], failAt: [2] });
    await collect(new DataLoader({ dataset, batchSize: 2, errorPolicy: 'skip' }));
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/skipped 1 item\(s\) of dataset 'core\/synthetic' in epoch 0: 2 \(Synthetic item 2/), {
      code: 'MIRKIT_SKIPPED_ITEMS',
    });
  });

  it('stops with ERR_ABORTED when the signal aborts', async () => {
    const controller = new AbortController();
    const loader = new DataLoader({ dataset: range(100), batchSize: 10, signal: controller.signal });
    let n = 0;
    const error = await rejection(
      (async () => {
        for await (const _ of loader) if (++n === 2) controller.abort(new Error('user stop'));
      })(),
    );
    expect(n).toBe(2);
    expect(error.code).toBe('ERR_ABORTED');
    expect(error.message).toMatch(/was aborted: user stop/);
    const again = await rejection(collect(loader));
    expect(again.code).toBe('ERR_ABORTED');
  });

  it('aborts a pending async fetch', async () => {
    const controller = new AbortController();
    const never: Dataset<number> = { length: 2, get: () => new Promise<number>(() => undefined) };
    const pending = collect(new DataLoader({ dataset: never, signal: controller.signal }));
    setTimeout(() => controller.abort(), 20);
    expect((await rejection(pending)).code).toBe('ERR_ABORTED');
  });
});
