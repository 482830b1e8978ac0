import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCheckpoint, writeCheckpoint } from './checkpoint.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mirkit-ckpt-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('checkpoint files', () => {
  it('round-trip tensors and state, including NaN and ±Infinity in the state', async () => {
    const path = join(dir, 'a.ckpt');
    const state = {
      metrics: { loss: Number.NaN, best: Number.POSITIVE_INFINITY, worst: Number.NEGATIVE_INFINITY, acc: 0.5 },
      history: [1, Number.NaN, 3],
      label: 'NaN', // a plain string stays a string
      lookalike: { $nonFinite: 'NaN', other: 1 }, // not the tag: kept as an object
    };
    await writeCheckpoint(path, {
      params: [{ name: 'w', shape: [2, 2], dtype: 'float32', data: new Float32Array([1, 2, 3, 4]) }],
      optimizer: [{ name: 'step', shape: [], dtype: 'int32', data: new Int32Array([7]) }],
      optimizerInfo: { className: 'Adam', learningRate: 0.001 },
      state,
    });
    const back = await readCheckpoint(path);
    expect(back.state).toEqual(state);
    expect(Object.is((back.state as typeof state).metrics.loss, Number.NaN)).toBe(true);
    expect(Array.from(back.params[0]!.data)).toEqual([1, 2, 3, 4]);
    expect(Array.from(back.optimizer[0]!.data)).toEqual([7]);
  });
});
