import { expectTypeOf, it } from 'vitest';
import type { SyntheticItem } from '../synthetic/synthetic-dataset.js';
import { DataLoader } from './data-loader.js';

it('types fromRegistry items from the registered loader', () => {
  expectTypeOf(DataLoader.fromRegistry('core/synthetic', { length: 3 })).resolves.toEqualTypeOf<DataLoader<SyntheticItem, unknown>>();
  // @ts-expect-error wrong option type for core/synthetic
  void DataLoader.fromRegistry('core/synthetic', { length: 'many' });
  // @ts-expect-error unknown loader name
  void DataLoader.fromRegistry('core/nope', {});
});

it('types batches by the collate function', () => {
  const loader = new DataLoader<number, number>({ dataset: { length: 2, get: (i: number) => i }, collate: (xs) => xs.length });
  expectTypeOf(loader[Symbol.asyncIterator]().next()).resolves.toEqualTypeOf<IteratorResult<number, void>>();
  expectTypeOf(loader.length).toEqualTypeOf<number | undefined>();
});
