import { Registry } from '@mirkit/core';
import { describe, expect, it } from 'vitest';
import { beatnet } from './plugin.js';

describe('beatnet()', () => {
  it('registers under its package name and is idempotent', () => {
    const registry = new Registry().use(beatnet()).use(beatnet());
    expect(registry.plugins().map((p) => p.name)).toEqual(['beatnet']);
    for (const entry of registry.entries()) expect(entry.name.startsWith('beatnet/')).toBe(true);
  });
});
