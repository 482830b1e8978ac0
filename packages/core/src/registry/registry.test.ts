import { describe, expect, it } from 'vitest';
import { isMirError, RegistryError } from '../errors.js';
import { definePlugin } from './plugin.js';
import { Registry } from './registry.js';

declare module '../registry/types.js' {
  interface LoaderRegistry {
    'test/numbers': (options: { n: number }) => number[];
  }
}

const testPlugin = () =>
  definePlugin({
    name: 'test',
    setup(registry) {
      registry.register('loader', 'test/numbers', ({ n }) => Array.from({ length: n }, (_, i) => i));
    },
  });

describe('Registry', () => {
  it('registers through use() and creates typed products', async () => {
    const r = new Registry().use(testPlugin());
    expect(r.names('loader')).toEqual(['test/numbers']);
    expect(await r.create('loader', 'test/numbers', { n: 3 })).toEqual([0, 1, 2]);
    expect(r.entries()).toEqual([{ kind: 'loader', name: 'test/numbers', plugin: 'test' }]);
  });

  it('is idempotent for the same plugin name', () => {
    const r = new Registry().use(testPlugin()).use(testPlugin());
    expect(r.plugins()).toHaveLength(1);
  });

  it('rejects duplicates with a code unless override is set', () => {
    const r = new Registry().use(testPlugin());
    const again = () => r.register('loader', 'test/numbers', () => []);
    expect(again).toThrow(RegistryError);
    try {
      again();
    } catch (error) {
      expect(isMirError(error) && error.code).toBe('ERR_DUPLICATE_REGISTRATION');
      expect((error as Error).message).toContain("by plugin 'test'");
    }
    expect(() => r.register('loader', 'test/numbers', () => [], { override: true })).not.toThrow();
  });

  it('lists available names on a miss', () => {
    const r = new Registry().use(testPlugin());
    expect(() => r.get('loader', 'test/nope' as 'test/numbers')).toThrow(/not registered\. Available: test\/numbers/);
    expect(() => r.get('model', 'x' as never)).toThrow(/did you forget registry\.use/);
  });

  it('narrows dynamic names with has()', () => {
    const r = new Registry().use(testPlugin());
    const name: string = 'test/numbers';
    expect(r.has('loader', name)).toBe(true);
    expect(r.has('loader', 'other/x')).toBe(false);
  });

  it('refuses changes once frozen', () => {
    const r = new Registry().freeze();
    expect(() => r.use(testPlugin())).toThrow(expect.objectContaining({ code: 'ERR_REGISTRY_FROZEN' }));
  });

  it('validates names and factories', () => {
    const r = new Registry();
    expect(() => r.register('loader', 'Bad Name' as 'test/numbers', () => [])).toThrow(/lower-kebab/);
    expect(() => r.register('loader', 'test/numbers', 42 as never)).toThrow(/factory function/);
  });
});
