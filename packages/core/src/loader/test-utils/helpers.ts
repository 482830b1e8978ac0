import { isMirError, type MirError } from '../../errors.js';
import type { ModuleSpec } from '../dataset-spec.js';

/** Every batch of one epoch. */
export async function collect<B>(loader: AsyncIterable<B>): Promise<B[]> {
  const out: B[] = [];
  for await (const b of loader) out.push(b);
  return out;
}

/** The MirError a promise rejects with (anything else is rethrown; fulfilment fails the test). */
export async function rejection(promise: Promise<unknown>): Promise<MirError> {
  try {
    await promise;
  } catch (error) {
    if (isMirError(error)) return error;
    throw error;
  }
  throw new TypeError('expected a rejection');
}

/** Spec of an export of ./fixture-datasets.ts (loaded in worker threads). */
export function fixture(name: string, options?: unknown): ModuleSpec {
  const module = new URL('./fixture-datasets.ts', import.meta.url).href;
  return options === undefined ? { module, export: name } : { module, export: name, options };
}

export interface SyntheticBatch {
  index: { data: Int32Array };
  label: { data: Int32Array };
  features: { data: Float32Array; shape: number[] };
}

/** Batches delivered before the loop failed, and the failure (a MirError). */
export async function untilError<B>(loader: AsyncIterable<B>): Promise<{ seen: B[]; error: MirError }> {
  const seen: B[] = [];
  const error = await rejection(
    (async () => {
      for await (const b of loader) seen.push(b);
    })(),
  );
  return { seen, error };
}
