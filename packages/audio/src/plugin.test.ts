import { Registry } from '@mirkit/core';
import { describe, expect, it } from 'vitest';
import { audio } from './plugin.js';

describe('audio()', () => {
  it('registers under its package name and is idempotent', () => {
    const registry = new Registry().use(audio()).use(audio());
    expect(registry.plugins().map((p) => p.name)).toEqual(['audio']);
    for (const entry of registry.entries()) expect(entry.name.startsWith('audio/')).toBe(true);
  });
});
