import type { Dataset } from '../dataset.js';

/** Reads every item of a dataset in index order (test helper). */
export async function readAll<T>(d: Dataset<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < d.length; i++) out.push(await d.get(i));
  return out;
}

/** A dataset whose `get` is asynchronous (test helper). */
export function asyncDataset(values: number[]): Dataset<number> {
  return { length: values.length, get: (i) => Promise.resolve(values[i]!) };
}
