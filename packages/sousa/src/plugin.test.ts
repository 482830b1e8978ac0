import { Registry } from '@mirkit/core';
import { describe, expect, it } from 'vitest';
import { sousa } from './plugin.js';

describe('sousa()', () => {
  it('registers under its package name and is idempotent', () => {
    const registry = new Registry().use(sousa()).use(sousa());
    expect(registry.plugins().map((p) => p.name)).toEqual(['sousa']);
    for (const entry of registry.entries()) expect(entry.name.startsWith('sousa/')).toBe(true);
  });
});
