import { describe, expect, it } from 'vitest';
import { Registry } from '../registry/registry.js';
import { definePlugin } from '../registry/plugin.js';
import type { Backend } from './backend.js';
import { selectBackend } from './select-backend.js';

/** A minimal backend a plugin could register (plain JS: selection does not need tfjs). */
function backend(name: string, priority: number, isGpu: boolean, available: boolean | Error): Backend {
  let setups = 0;
  return {
    name,
    priority,
    isGpu,
    installHint: `npm i ${name}-pkg`,
    isAvailable: () => {
      if (available instanceof Error) throw available;
      return available;
    },
    unavailableReason: () => (available === true ? undefined : `${name} is not installed`),
    setup: async () => void setups++,
    teardown: async () => undefined,
    memory: () => ({ numTensors: setups, numBytes: 0 }),
  };
}

function registryWith(...bs: Backend[]): Registry {
  return new Registry().use(
    definePlugin({
      name: 'test-backends',
      setup(r) {
        for (const b of bs) r.register('backend', b.name as never, (() => b) as never);
      },
    }),
  );
}

describe('selectBackend', () => {
  it("'auto' picks the highest-priority available backend and says what it skipped", async () => {
    const logs: string[] = [];
    const r = registryWith(
      backend('slow', 1, false, true),
      backend('fast', 2, false, true),
      backend('cuda', 9, true, false),
      backend('broken', 5, false, new Error('boom')),
    );
    const s = await selectBackend('auto', { registry: r, log: (m) => logs.push(m) });
    expect(s.backend.name).toBe('fast');
    expect(s.skipped).toEqual([
      { name: 'cuda', reason: 'cuda is not installed' },
      { name: 'broken', reason: 'Error: boom' },
    ]);
    expect(logs).toEqual([
      "auto: using backend 'fast'; skipped cuda (cuda is not installed), broken (Error: boom)",
    ]);
  });

  it("'gpu' picks a GPU backend or fails naming what to install; it never falls back", async () => {
    const ok = registryWith(backend('cpu', 1, false, true), backend('cuda', 9, true, true));
    expect((await selectBackend('gpu', { registry: ok })).backend.name).toBe('cuda');
    const none = registryWith(backend('cpu', 1, false, true), backend('cuda', 9, true, false));
    await expect(selectBackend('gpu', { registry: none })).rejects.toMatchObject({
      code: 'ERR_BACKEND_UNAVAILABLE',
      message: 'No GPU backend is available. cuda: cuda is not installed — install: npm i cuda-pkg',
    });
    const noGpu = registryWith(backend('cpu', 1, false, true));
    await expect(selectBackend('gpu', { registry: noGpu })).rejects.toThrow(
      /No GPU backend is registered \(registered: cpu\).*tfjs-node-gpu.*CUDA 11\.2 and cuDNN 8\.1/,
    );
  });

  it('a name selects exactly that backend; unknown or unavailable names are errors', async () => {
    const r = registryWith(backend('cpu', 1, false, true), backend('fast', 2, false, false));
    expect((await selectBackend('cpu', { registry: r })).backend.name).toBe('cpu');
    await expect(selectBackend('fast', { registry: r })).rejects.toThrow(
      "Backend 'fast' is not available: fast is not installed — install: npm i fast-pkg",
    );
    await expect(selectBackend('webgl', { registry: r })).rejects.toMatchObject({
      code: 'ERR_NOT_REGISTERED',
      message: "Unknown backend 'webgl'. Use 'auto', 'gpu' or one of: cpu, fast",
    });
  });

  it('an empty registry says how to get the built-in backends', async () => {
    await expect(selectBackend('auto', { registry: new Registry() })).rejects.toThrow(/tfjsBackends\(\)/);
    await expect(
      selectBackend('auto', { registry: registryWith(backend('a', 1, false, false)) }),
    ).rejects.toThrow('No backend is available: a (a is not installed)');
  });
});
