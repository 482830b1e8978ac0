import { Registry } from '@mirkit/core';
import { describe, expect, it } from 'vitest';
import { miditok } from './plugin.js';

describe('miditok()', () => {
  it('registers under its package name and is idempotent', () => {
    const registry = new Registry().use(miditok()).use(miditok());
    expect(registry.plugins().map((p) => p.name)).toEqual(['miditok']);
    for (const entry of registry.entries()) expect(entry.name.startsWith('miditok/')).toBe(true);
  });
});
