import { Registry, type NameOf } from '@mirkit/core';
import { requireFixtures } from '@mirkit/core/testing';
import { join } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { sousa } from './index.js';

const dir = requireFixtures('sousa');

describe('sousa()', () => {
  it('registers under its package name and is idempotent', () => {
    const registry = new Registry().use(sousa()).use(sousa());
    expect(registry.plugins().map((p) => p.name)).toEqual(['sousa']);
    for (const entry of registry.entries()) expect(entry.name.startsWith('sousa/')).toBe(true);
    expect(registry.names('loader')).toEqual(['sousa/metadata']);
    expectTypeOf<'sousa/metadata'>().toExtend<NameOf<'loader'>>();
  });

  it.skipIf(!dir)('creates the sousa/metadata loader through the registry', async () => {
    const registry = new Registry().use(sousa());
    const ds = await registry.create('loader', 'sousa/metadata', { root: join(dir!, 'dataset'), split: 'train', target: 'skill_tier' });
    expect(ds.length).toBe(24);
    expect(ds.numClasses).toBe(4);
  });
});
