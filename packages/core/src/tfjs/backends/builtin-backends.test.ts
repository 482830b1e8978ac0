import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { selectBackend } from '../../backend/select-backend.js';
import { Registry } from '../../registry/registry.js';
import { Trainer } from '../trainer.js';
import { tfjsBackends } from './tfjs-backends-plugin.js';

// tfjs-node(-gpu) cannot be installed on these machines (its install script downloads libtensorflow), so the
// native adapters are exercised through their error paths here.
describe('built-in tfjs backends', () => {
  const registry = () => new Registry().use(tfjsBackends());

  it('registers wasm, cpu, tensorflow and tensorflow-gpu', () => {
    expect(registry().names('backend')).toEqual(['cpu', 'tensorflow', 'tensorflow-gpu', 'wasm']);
  });

  it("'auto' falls back to wasm and says why the native backends were skipped", async () => {
    const logs: string[] = [];
    const s = await selectBackend('auto', { registry: registry(), log: (m) => logs.push(m) });
    expect(s.backend.name).toBe('wasm');
    expect(s.skipped.map((x) => x.name)).toEqual(['tensorflow-gpu', 'tensorflow']);
    expect(logs[0]).toBe(
      "auto: using backend 'wasm'; skipped tensorflow-gpu (@tensorflow/tfjs-node-gpu is not installed), tensorflow (@tensorflow/tfjs-node is not installed)",
    );
    await s.backend.setup();
    expect(tf.getBackend()).toBe('wasm');
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
    expect(s.backend.memory?.()?.numTensors).toBe(tf.memory().numTensors);
  });

  it("'gpu' without tfjs-node-gpu is an error naming the package and its CUDA/cuDNN needs", async () => {
    const err = await selectBackend('gpu', { registry: registry() }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ERR_BACKEND_UNAVAILABLE' });
    expect((err as Error).message).toMatch(
      /^No GPU backend is available\. tensorflow-gpu: @tensorflow\/tfjs-node-gpu is not installed — install: npm i @tensorflow\/tfjs-node-gpu .*CUDA 11\.2 and cuDNN 8\.1/,
    );
    await expect(
      new Trainer({ backend: 'gpu', log: () => undefined }).validate({} as never, []),
    ).rejects.toThrow(/tfjs-node-gpu/);
  });

  it("'tensorflow' without tfjs-node is an error naming the package", async () => {
    await expect(selectBackend('tensorflow', { registry: registry() })).rejects.toThrow(
      /^Backend 'tensorflow' is not available: @tensorflow\/tfjs-node is not installed — install: npm i @tensorflow\/tfjs-node/,
    );
  });

  it("'cpu' selects tfjs' cpu backend", async () => {
    const s = await selectBackend('cpu', { registry: registry() });
    await s.backend.setup();
    expect(tf.getBackend()).toBe('cpu');
  });
});
