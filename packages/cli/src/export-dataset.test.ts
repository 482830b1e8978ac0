import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromArray, isMirError, readNpy, type IterableDataset } from '@mirkit/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportDataset } from './export-dataset.js';

let out: string;
beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), 'mirkit-export-'));
});
afterEach(async () => {
  await rm(out, { recursive: true, force: true });
});

async function manifest(dir: string): Promise<Record<string, unknown>[]> {
  const text = await readFile(join(dir, 'manifest.jsonl'), 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('exportDataset', () => {
  it('writes one manifest line per item and a .npy file per array field of a map-style dataset', async () => {
    const items = [0, 1, 2].map((i) => ({
      sampleId: `s${i}`,
      label: i * 2,
      waveform: new Float32Array([i, i + 0.5]),
      features: { mel: { data: new BigInt64Array([BigInt(i), 7n]), shape: [1, 2], dtype: 'int64' as const } },
    }));
    const progress: [number, number | undefined][] = [];
    const result = await exportDataset(fromArray(items), {
      out,
      name: 'demo',
      onProgress: (d, t) => progress.push([d, t]),
    });
    expect(result).toEqual({ manifest: join(out, 'manifest.jsonl'), items: 3, files: 6 });
    expect(progress).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    expect(await manifest(out)).toEqual(
      items.map((item, i) => ({
        index: i,
        sampleId: item.sampleId,
        label: item.label,
        waveform: `00000${i}_waveform.npy`,
        'features.mel': `00000${i}_features.mel.npy`,
      })),
    );
    const mel = await readNpy(join(out, '000002_features.mel.npy'));
    expect(mel).toEqual({ data: new BigInt64Array([2n, 7n]), shape: [1, 2], dtype: 'int64' });
    const wave = await readNpy(join(out, '000001_waveform.npy'));
    expect(wave).toEqual({ data: new Float32Array([1, 1.5]), shape: [2], dtype: 'float32' });
  });

  it('exports an iterable dataset in order and stops at the limit', async () => {
    let pulled = 0;
    const stream: IterableDataset<{ n: number; v: Int16Array }> = {
      length: undefined,
      async *[Symbol.asyncIterator]() {
        for (let n = 0; ; n++) {
          pulled++;
          yield { n, v: new Int16Array([n, -n]) };
        }
      },
    };
    const result = await exportDataset(stream, { out, limit: 2 });
    expect(result.items).toBe(2);
    expect(pulled).toBe(2);
    expect(await manifest(out)).toEqual([
      { index: 0, n: 0, v: '000000_v.npy' },
      { index: 1, n: 1, v: '000001_v.npy' },
    ]);
    expect((await readNpy(join(out, '000001_v.npy'))).data).toEqual(new Int16Array([1, -1]));
  });

  it('keeps an item field "index" that disagrees with the position as "item.index"', async () => {
    await exportDataset(fromArray([{ index: 0 }, { index: 9 }]), { out });
    expect(await manifest(out)).toEqual([{ index: 0 }, { index: 1, 'item.index': 9 }]);
  });

  it('names the failing item and leaves no manifest behind', async () => {
    const dataset = {
      length: 3,
      get(i: number) {
        if (i === 1) throw new RangeError('disk on fire');
        return { x: i };
      },
    };
    const error = await exportDataset(dataset, { out, name: 'broken' }).catch((e: unknown) => e);
    expect(isMirError(error) && error.code).toBe('ERR_DATASET_ITEM');
    expect((error as Error).message).toBe('broken: reading item 1 failed: RangeError: disk on fire');
    expect(await readdir(out)).toEqual([]);
  });

  it('stops between items when aborted', async () => {
    const controller = new AbortController();
    const dataset = {
      length: 5,
      get(i: number) {
        if (i === 2) controller.abort();
        return { x: i };
      },
    };
    const error = await exportDataset(dataset, { out, signal: controller.signal }).catch((e: unknown) => e);
    expect(isMirError(error) && error.code).toBe('ERR_ABORTED');
    expect(await readdir(out)).toEqual([]);
  });

  it('validates its inputs', async () => {
    await expect(exportDataset(fromArray([1]), { out, limit: -1 })).rejects.toThrow(
      'limit should be a non-negative integer, but got -1',
    );
    await expect(exportDataset({} as never, { out, name: 'odd' })).rejects.toThrow(
      'odd is neither a map-style Dataset',
    );
    const endless: IterableDataset<number> = { length: Infinity, async *[Symbol.asyncIterator]() {} };
    await expect(exportDataset(endless, { out, name: 'inf' })).rejects.toThrow(
      'inf is endless (length Infinity): pass a limit',
    );
  });
});
