import { Registry, type NameOf } from '@mirkit/core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { mirTutorial } from './index.js';

describe('mirTutorial()', () => {
  it('registers under its package name and is idempotent', () => {
    const registry = new Registry().use(mirTutorial()).use(mirTutorial());
    expect(registry.plugins().map((p) => p.name)).toEqual(['mir-tutorial']);
    for (const entry of registry.entries()) expect(entry.name.startsWith('mir-tutorial/')).toBe(true);
    expect(registry.names('loader')).toEqual(['mir-tutorial/tag-labels']);
    expectTypeOf<'mir-tutorial/tag-labels'>().toExtend<NameOf<'loader'>>();
  });
});
