import { expectTypeOf, it } from 'vitest';
import type { NameOf, OptionsOf, ProductOf, EntryOf } from './types.js';
import { Registry } from './registry.js';

declare module './types.js' {
  interface TokenizerRegistry {
    'typetest/tok': (options: { vocabSize: number }) => { encode(text: string): number[] };
  }
}

it('derives names, options and products from declaration merging', () => {
  expectTypeOf<NameOf<'tokenizer'>>().toEqualTypeOf<'typetest/tok'>();
  expectTypeOf<OptionsOf<EntryOf<'tokenizer', 'typetest/tok'>>>().toEqualTypeOf<{ vocabSize: number }>();
  expectTypeOf<ProductOf<EntryOf<'tokenizer', 'typetest/tok'>>>().toEqualTypeOf<{ encode(text: string): number[] }>();
});

it('rejects unknown names and wrong options at compile time', () => {
  const registry = new Registry();
  // @ts-expect-error unknown tokenizer name
  void registry.create('tokenizer', 'typetest/nope', { vocabSize: 1 });
  // @ts-expect-error wrong option type
  void registry.create('tokenizer', 'typetest/tok', { vocabSize: 'big' });
  expectTypeOf(registry.create('tokenizer', 'typetest/tok', { vocabSize: 3 })).resolves.toHaveProperty('encode');
});
