import { describe, expect, it } from 'vitest';
import { isTypeScriptModule } from './spawn-worker.js';
import { specModules } from './worker-pool.js';

describe('TypeScript spec modules', () => {
  it('detects .ts, .mts and .cts modules (query and hash ignored)', () => {
    expect(['./a.ts', 'file:///x/b.mts?v=1', '/abs/c.cts#x'].map(isTypeScriptModule)).toEqual([true, true, true]);
    expect(['./a.js', '@mirkit/sousa', 'file:///x/b.mjs', './types.d.tsx'].map(isTypeScriptModule)).toEqual([false, false, false, false]);
  });

  it('lists every module a worker imports', () => {
    expect(
      specModules({
        dataset: { loader: 'x/y', plugins: [{ module: '@mirkit/x', export: 'x' }] },
        collate: { module: './collate.ts', export: 'c' },
        workerInit: { module: './init.js', export: 'i' },
      }),
    ).toEqual(['@mirkit/x', './collate.ts', './init.js']);
    expect(specModules({ dataset: { module: './d.ts', export: 'd' }, collate: 'pad', workerInit: undefined })).toEqual(['./d.ts']);
  });
});
