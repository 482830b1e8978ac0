import { describe, expect, it } from 'vitest';
import type { IterableDataset } from './dataset.js';
import { filterIterableDataset, mapIterableDataset } from './iterable-ops.js';

function stream(values: number[], length?: number): IterableDataset<number> {
  return {
    length,
    async *[Symbol.asyncIterator]() {
      yield* values;
    },
  };
}

async function collect<T>(d: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const v of d) out.push(v);
  return out;
}

describe('iterable dataset views', () => {
  it('maps lazily with positions and keeps the length', async () => {
    const m = mapIterableDataset(stream([1, 2, 3], 3), async (x, pos) => `${x}@${pos}`);
    expect(m.length).toBe(3);
    expect(await collect(m)).toEqual(['1@0', '2@1', '3@2']);
    expect(mapIterableDataset(stream([]), (x) => x).length).toBeUndefined();
  });

  it('filters lazily; length becomes unknown (endless stays endless)', async () => {
    const f = filterIterableDataset(stream([1, 2, 3, 4], 4), (x) => x % 2 === 0);
    expect(f.length).toBeUndefined();
    expect(await collect(f)).toEqual([2, 4]);
    expect(filterIterableDataset(stream([], Infinity), () => true).length).toBe(Infinity);
  });

  it('can stop early on an endless stream', async () => {
    const endless: IterableDataset<number> = {
      length: Infinity,
      async *[Symbol.asyncIterator]() {
        for (let i = 0; ; i++) yield i;
      },
    };
    const out: number[] = [];
    for await (const v of mapIterableDataset(filterIterableDataset(endless, (x) => x % 3 === 0), (x) => x * 2)) {
      out.push(v);
      if (out.length === 3) break;
    }
    expect(out).toEqual([0, 6, 12]);
  });
});
