import type { Collator } from '../data/collator.js';
import type { Dataset } from '../data/dataset.js';
import { isDataset } from '../data/dataset.js';
import { defaultCollate } from '../data/collate.js';
import { isNdArray, isTypedArray } from '../array/nd-array.js';
import { describeError, isMirError, MirError } from '../errors.js';
import { plainDiff } from './plain-diff.js';

export interface DatasetConformanceOptions<T> {
  /** Name used in messages (default `'dataset'`). */
  name?: string;
  /** Collate function for the collate-invariant check (default {@link defaultCollate}). */
  collate?: Collator<T, unknown>;
  /** How many items to collate (default `min(4, length)`). */
  batchSize?: number;
  /** Require two fresh instances (and two reads) to give deep-equal items (default `true`). */
  deterministic?: boolean;
  /** Extra indices to read besides the first, middle and last. */
  indices?: readonly number[];
  /** Accept an empty dataset (default `false`: length 0 is a failure). */
  allowEmpty?: boolean;
}

export interface DatasetConformanceReport {
  name: string;
  length: number;
  /** Indices that were read. */
  indices: number[];
  /** Names of the checks that ran (all passed, or the checker would have thrown). */
  checks: string[];
}

/** Thrown by {@link checkDatasetConformance}; `failures` lists every failed check. */
export class DatasetConformanceError extends MirError {
  readonly failures: readonly string[];

  constructor(name: string, failures: readonly string[]) {
    super('ERR_CONFORMANCE', `${name} fails ${failures.length} dataset conformance check(s):\n- ${failures.join('\n- ')}`, {
      details: { failures },
    });
    this.failures = failures;
  }
}

const STANDARD_TYPED_ARRAYS = new Set([
  'Float32Array', 'Float64Array', 'Int8Array', 'Int16Array', 'Int32Array', 'BigInt64Array',
  'Uint8Array', 'Uint8ClampedArray', 'Uint16Array', 'Uint32Array', 'BigUint64Array',
]);

/** Paths inside `value` that are not plain data (functions, class instances, symbols, non-standard typed arrays). */
export function findNonPlainData(value: unknown, path = '', out: string[] = [], depth = 0): string[] {
  const at = path === '' ? '(item)' : path;
  if (depth > 32) {
    out.push(`${at}: nested deeper than 32 levels (cyclic?)`);
    return out;
  }
  const t = typeof value;
  if (t === 'function' || t === 'symbol') {
    out.push(`${at}: is a ${t}`);
  } else if (isTypedArray(value)) {
    if (!STANDARD_TYPED_ARRAYS.has(value.constructor.name)) out.push(`${at}: is a ${value.constructor.name} (use a plain typed array)`);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => findNonPlainData(v, `${path}[${i}]`, out, depth + 1));
  } else if (t === 'object' && value !== null) {
    const proto = Object.getPrototypeOf(value) as object | null;
    if (proto !== Object.prototype && proto !== null) {
      out.push(`${at}: is an instance of ${proto.constructor.name} (items must be plain objects, arrays, primitives and typed arrays)`);
    } else {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) findNonPlainData(v, path === '' ? k : `${path}.${k}`, out, depth + 1);
    }
  }
  return out;
}

/** Paths of array leaves of a collated batch whose leading dimension is not `batchSize`. */
export function findBatchDimMismatches(batch: unknown, batchSize: number, path = '', out: string[] = []): string[] {
  const at = path === '' ? '(batch)' : path;
  if (isNdArray(batch)) {
    if (batch.shape[0] !== batchSize) out.push(`${at}: NdArray shape [${batch.shape.join(', ')}] should lead with the batch size ${batchSize}`);
  } else if (isTypedArray(batch)) {
    if (batch.length !== batchSize) out.push(`${at}: ${batch.constructor.name} of length ${batch.length} should have the batch size ${batchSize}`);
  } else if (Array.isArray(batch)) {
    const containers = batch.every((v) => typeof v === 'object' && v !== null);
    if (containers && batch.length > 0) batch.forEach((v, i) => findBatchDimMismatches(v, batchSize, `${path}[${i}]`, out));
    else if (batch.length !== batchSize) out.push(`${at}: list of length ${batch.length} should have the batch size ${batchSize}`);
  } else if (typeof batch === 'object' && batch !== null) {
    for (const [k, v] of Object.entries(batch)) findBatchDimMismatches(v, batchSize, path === '' ? k : `${path}.${k}`, out);
  }
  return out;
}

async function expectMirError(read: () => unknown): Promise<string | undefined> {
  try {
    await read();
  } catch (error) {
    return isMirError(error) ? undefined : `threw a non-mirkit error (${describeError(error)}); throw a MirError such as DataError('ERR_INDEX_OUT_OF_RANGE')`;
  }
  return 'returned instead of throwing';
}

/**
 * Framework-agnostic dataset conformance check. Wrap it in your test framework's `it()`:
 *
 * ```ts
 * it('conforms', () => checkDatasetConformance(() => createMyDataset({ seed: 1 })));
 * ```
 *
 * `create` builds a fresh dataset (called twice for the determinism check), or is a dataset instance (then
 * determinism compares two reads of the same instance). Checks:
 *
 * 1. `length` is a non-negative integer (positive unless `allowEmpty`) and stable;
 * 2. `get(i)` succeeds for the first, middle and last index (and `indices`);
 * 3. `get(length)`, `get(-1)` and `get(0.5)` throw (or reject with) a `MirError`;
 * 4. items are plain data (no functions or class instances other than typed arrays) and survive
 *    `structuredClone` unchanged (so they can cross worker threads);
 * 5. determinism: equal items from a second fresh instance and from a second read;
 * 6. collate invariants: collating the first `batchSize` items succeeds and every array in the batch
 *    leads with the batch size.
 *
 * Resolves with a report when everything passes; otherwise throws a {@link DatasetConformanceError} listing
 * every failure.
 */
export async function checkDatasetConformance<T>(
  create: Dataset<T> | (() => Dataset<T> | Promise<Dataset<T>>),
  options: DatasetConformanceOptions<T> = {},
): Promise<DatasetConformanceReport> {
  const name = options.name ?? 'dataset';
  const failures: string[] = [];
  const checks: string[] = [];
  const make = async (): Promise<Dataset<T>> => (isDataset(create) ? create : await (create as () => Dataset<T> | Promise<Dataset<T>>)());
  const dataset = await make();
  if (!isDataset(dataset)) throw new DatasetConformanceError(name, ['the factory did not return a dataset (an object with length and get)']);

  const length = dataset.length;
  checks.push('length');
  if (!Number.isSafeInteger(length) || length < 0) {
    throw new DatasetConformanceError(name, [`length should be a non-negative integer, but got ${String(length)}`]);
  }
  if (dataset.length !== length) failures.push(`length changed between two reads (${length} then ${dataset.length})`);
  if (length === 0 && !options.allowEmpty) failures.push('length is 0 (pass allowEmpty: true if that is intended)');

  const indices = [...new Set([0, Math.floor(length / 2), length - 1, ...(options.indices ?? [])])].filter((i) => i >= 0 && i < length);
  const items = new Map<number, T>();
  checks.push('get');
  for (const i of indices) {
    try {
      const item = await dataset.get(i);
      if (item === undefined) failures.push(`get(${i}) returned undefined`);
      items.set(i, item);
    } catch (error) {
      failures.push(`get(${i}) threw: ${describeError(error)}`);
    }
  }

  checks.push('out-of-range');
  for (const bad of [length, -1, 0.5]) {
    const problem = await expectMirError(() => dataset.get(bad));
    if (problem) failures.push(`get(${bad}) ${problem}`);
  }

  checks.push('plain-data');
  for (const [i, item] of items) {
    for (const p of findNonPlainData(item)) failures.push(`item ${i}: ${p}`);
    try {
      const diff = plainDiff(item, structuredClone(item));
      if (diff) failures.push(`item ${i} changes under structuredClone at ${diff}`);
    } catch (error) {
      failures.push(`item ${i} cannot be structured-cloned: ${describeError(error)}`);
    }
  }

  if (options.deterministic !== false) {
    checks.push('determinism');
    let twin: Dataset<T> | undefined;
    try {
      twin = await make();
    } catch (error) {
      failures.push(`creating a second instance threw: ${describeError(error)}`);
    }
    if (twin && twin.length !== length) failures.push(`a second instance has length ${twin.length}, the first ${length}`);
    for (const [i, item] of items) {
      for (const [label, source] of [['a second read', dataset], ['a second instance', twin]] as const) {
        if (!source || i >= source.length) continue;
        try {
          const diff = plainDiff(item, await source.get(i));
          if (diff) failures.push(`item ${i} differs on ${label} at ${diff}`);
        } catch (error) {
          failures.push(`get(${i}) on ${label} threw: ${describeError(error)}`);
        }
      }
    }
  }

  const batchSize = Math.min(options.batchSize ?? 4, length);
  if (batchSize > 0) {
    checks.push('collate');
    try {
      const batchItems: T[] = [];
      for (let i = 0; i < batchSize; i++) batchItems.push(items.get(i) ?? (await dataset.get(i)));
      const batch = (options.collate ?? defaultCollate)(batchItems);
      for (const p of findBatchDimMismatches(batch, batchSize)) failures.push(`collated batch: ${p}`);
    } catch (error) {
      failures.push(`collating ${batchSize} items threw: ${describeError(error)}`);
    }
  }

  if (failures.length > 0) throw new DatasetConformanceError(name, failures);
  return { name, length, indices, checks };
}
