import { Registry } from '@mirkit/core';
import { describe, expect, it } from 'vitest';
import { miditok } from './plugin.js';
import { RemiTokenizer } from './tokenizers/remi.js';

describe('miditok()', () => {
  it('registers under its package name and is idempotent', () => {
    const registry = new Registry().use(miditok()).use(miditok());
    expect(registry.plugins().map((p) => p.name)).toEqual(['miditok']);
    for (const entry of registry.entries()) expect(entry.name.startsWith('miditok/')).toBe(true);
    expect([...registry.names('tokenizer')].sort()).toEqual([
      'miditok/cp-word',
      'miditok/midi-like',
      'miditok/mmm',
      'miditok/mumidi',
      'miditok/octuple',
      'miditok/pertok',
      'miditok/remi',
      'miditok/structured',
      'miditok/tsd',
    ]);
    expect([...registry.names('loader')].sort()).toEqual(['miditok/dataset-json', 'miditok/dataset-midi', 'miditok/tokenize-files']);
    expect([...registry.names('command')].sort()).toEqual(['miditok/decode', 'miditok/split', 'miditok/tokenize', 'miditok/train']);
  });

  it('creates tokenizers from options', async () => {
    const registry = new Registry().use(miditok());
    const remi = await registry.create('tokenizer', 'miditok/remi', { usePrograms: true, useTempos: true });
    expect(remi).toBeInstanceOf(RemiTokenizer);
    expect(remi.oneTokenStream).toBe(true);
    const pertok = await registry.create('tokenizer', 'miditok/pertok', { additionalParams: { ticks_per_quarter: 480, use_microtiming: false, max_microtiming_shift: 0.25 } });
    expect(pertok.vocab instanceof Map && pertok.vocab.has('Bar_None')).toBe(true);
    await expect(async () => registry.create('tokenizer', 'miditok/mmm', {})).rejects.toThrow(/base_tokenizer/);
  });
});
