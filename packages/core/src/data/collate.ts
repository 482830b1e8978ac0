import type { Collator } from './collator.js';
import { ConfigError } from '../errors.js';
import { dtypeOf, isNdArray, isTypedArray, shapeSize, typedArrayFor, type DType, type NdArray, type TypedArray } from '../array/nd-array.js';

/** What a collate handler receives besides the values. */
export interface CollateContext {
  /** Where the values sit in the item: `''` for the item itself, else e.g. `waveform`, `meta.tempo`, `notes[1]`. */
  readonly path: string;
  /** Collates nested values with the same handlers (use it for containers). */
  collate(values: readonly unknown[], path: string): unknown;
}

/**
 * One entry of a collate function's type map (torch `collate_fn_map`). The handler whose `test` accepts the
 * first sample's value collates the values at that path; every other sample must pass the same `test`.
 */
export interface CollateHandler {
  /** Short description used in error messages (`'number'`, `'typed array'` …). */
  readonly name: string;
  test(value: unknown): boolean;
  collate(values: readonly unknown[], context: CollateContext): unknown;
}

export interface CreateCollateOptions {
  /** Handlers tried before the defaults (so they can override them). */
  handlers?: readonly CollateHandler[];
  /** Append {@link defaultCollateHandlers} after `handlers` (default `true`). */
  defaults?: boolean;
}

/** Formats a path for messages: `field 'meta.tempo'`, or `the items` for the root. */
export function describePath(path: string): string {
  return path === '' ? 'the items' : `field '${path}'`;
}

/** Throws the standard `ConfigError('ERR_COLLATE')`, with `path` and `sampleIndex` in `details`. */
export function collateError(path: string, sampleIndex: number | undefined, message: string, details: Record<string, unknown> = {}): never {
  throw new ConfigError('ERR_COLLATE', `Cannot collate ${describePath(path)}${sampleIndex === undefined ? '' : ` (sample ${sampleIndex})`}: ${message}`, {
    details: { path, sampleIndex, ...details },
  });
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (isNdArray(value)) return `an NdArray<${value.dtype}>`;
  if (isTypedArray(value)) return `a ${value.constructor.name}`;
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value) as object | null;
    return proto === Object.prototype || proto === null ? 'a plain object' : `an instance of ${proto.constructor.name}`;
  }
  return `a ${typeof value}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto === Object.prototype || proto === null;
}

const INT32_MIN = -0x80000000;
const INT32_MAX = 0x7fffffff;

/**
 * The dtype mirkit gives plain JS numbers when it stacks them: `int32` when every value is an integer within
 * the int32 range, otherwise `float64` (torch gives Python ints int64 and floats float64; int32 is what tfjs
 * and typed-array consumers expect for labels and token ids).
 */
export function numberDType(values: Iterable<number>): 'int32' | 'float64' {
  for (const v of values) {
    if (!Number.isInteger(v) || v < INT32_MIN || v > INT32_MAX) return 'float64';
  }
  return 'int32';
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Stacks scalars of one JS type into an NdArray `[B]`. */
function stackScalars(values: readonly unknown[], path: string): NdArray {
  const first = values[0];
  if (typeof first === 'bigint') {
    const data = new BigInt64Array(values.length);
    values.forEach((v, i) => {
      const b = v as bigint;
      if (b < INT64_MIN || b > INT64_MAX) collateError(path, i, `bigint ${b} does not fit in int64`);
      data[i] = b;
    });
    return { data, shape: [values.length], dtype: 'int64' };
  }
  if (typeof first === 'boolean') {
    return { data: Uint8Array.from(values as boolean[], (v) => (v ? 1 : 0)), shape: [values.length], dtype: 'bool' };
  }
  const nums = values as readonly number[];
  return numberDType(nums) === 'int32'
    ? { data: Int32Array.from(nums), shape: [nums.length], dtype: 'int32' }
    : { data: Float64Array.from(nums), shape: [nums.length], dtype: 'float64' };
}

/** A typed array or NdArray as an NdArray view (no copy). */
export function asNdArray(value: TypedArray | NdArray): NdArray {
  return isNdArray(value) ? value : { data: value, shape: [value.length], dtype: dtypeOf(value) } as NdArray;
}

/**
 * Stacks equal-shaped arrays into a fresh NdArray `[B, ...shape]`. Typed arrays count as 1-D arrays of their
 * default dtype. Throws `ERR_COLLATE` naming the field, both shapes and the sample index on a mismatch.
 */
export function stackArrays(values: readonly (TypedArray | NdArray)[], path = ''): NdArray {
  if (values.length === 0) collateError(path, undefined, 'the batch is empty');
  const arrays = values.map(asNdArray);
  const first = arrays[0]!;
  arrays.forEach((a, i) => {
    if (a.dtype !== first.dtype) {
      collateError(path, i, `dtype ${a.dtype} differs from sample 0's dtype ${first.dtype}`, { dtypes: [first.dtype, a.dtype] });
    }
    if (a.shape.length !== first.shape.length || a.shape.some((d, k) => d !== first.shape[k])) {
      collateError(
        path,
        i,
        `shape [${a.shape.join(', ')}] differs from sample 0's shape [${first.shape.join(', ')}]. ` +
          'Items of different lengths need padding: use padCollate() (or fixedLengthCollate()).',
        { shapes: [first.shape, a.shape] },
      );
    }
  });
  const size = shapeSize(first.shape);
  const Ctor = typedArrayFor(first.dtype);
  const data = new Ctor(size * arrays.length);
  arrays.forEach((a, i) => {
    (data as { set(src: ArrayLike<number | bigint>, offset: number): void }).set(a.data, i * size);
  });
  return { data, shape: [arrays.length, ...first.shape], dtype: first.dtype } as NdArray;
}

/** Converts rows of plain JS scalars into one NdArray `[B, L]` (dtype by the scalar rules). */
function stackScalarRows(values: readonly unknown[], path: string): NdArray {
  const rows = values as readonly (readonly unknown[])[];
  const length = rows[0]!.length;
  rows.forEach((r, i) => {
    if (r.length !== length) {
      collateError(path, i, `array length ${r.length} differs from sample 0's length ${length}. Items of different lengths need padding: use padCollate() (or fixedLengthCollate()).`, {
        shapes: [[length], [r.length]],
      });
    }
  });
  const flat = rows.flat();
  const kind = typeof flat[0];
  flat.forEach((v, k) => {
    if (typeof v !== kind) collateError(path, Math.floor(k / Math.max(1, length)), `array elements mix ${kind} and ${typeof v}`);
  });
  const stacked = flat.length === 0 ? { data: new Int32Array(0), shape: [0], dtype: 'int32' as DType } : stackScalars(flat, path);
  return { ...stacked, shape: [rows.length, length] } as NdArray;
}

function isScalarArray(value: unknown): value is readonly (number | bigint | boolean)[] {
  if (!Array.isArray(value)) return false;
  const t = typeof value[0];
  return value.length > 0 && (t === 'number' || t === 'bigint' || t === 'boolean') && value.every((v) => typeof v === t);
}

/**
 * The default handlers, in the order they are tried (torch `default_collate_fn_map` equivalent):
 *
 * | sample value | batch value |
 * |---|---|
 * | NdArray or typed array, equal shape and dtype | NdArray `[B, ...shape]`, same dtype (typed arrays: 1-D, `dtypeOf`) |
 * | number | NdArray `[B]`: `int32` if all are int32-range integers, else `float64` (see {@link numberDType}) |
 * | bigint | NdArray `[B]` `int64` |
 * | boolean | NdArray `[B]` `bool` (0/1 bytes) |
 * | string | `string[]` |
 * | `null` / `undefined` | the values as an array |
 * | array of numbers / bigints / booleans (same length) | NdArray `[B, L]` by the scalar rules above |
 * | any other array (same length) | transposed like torch: `[collate(v[0] of each), collate(v[1] of each), …]` |
 * | plain object (same keys) | object with every key collated recursively |
 */
export const defaultCollateHandlers: readonly CollateHandler[] = [
  {
    name: 'array',
    test: (v) => isNdArray(v) || isTypedArray(v),
    collate: (values, ctx) => stackArrays(values as (TypedArray | NdArray)[], ctx.path),
  },
  { name: 'number', test: (v) => typeof v === 'number', collate: (values, ctx) => stackScalars(values, ctx.path) },
  { name: 'bigint', test: (v) => typeof v === 'bigint', collate: (values, ctx) => stackScalars(values, ctx.path) },
  { name: 'boolean', test: (v) => typeof v === 'boolean', collate: (values, ctx) => stackScalars(values, ctx.path) },
  { name: 'string', test: (v) => typeof v === 'string', collate: (values) => [...values] },
  { name: 'null', test: (v) => v === null || v === undefined, collate: (values) => [...values] },
  {
    name: 'array of scalars',
    test: isScalarArray,
    collate: (values, ctx) => stackScalarRows(values, ctx.path),
  },
  {
    name: 'array',
    test: (v) => Array.isArray(v),
    collate: (values, ctx) => {
      const rows = values as readonly (readonly unknown[])[];
      const length = rows[0]!.length;
      rows.forEach((r, i) => {
        if (r.length !== length) collateError(ctx.path, i, `array length ${r.length} differs from sample 0's length ${length}`);
      });
      return Array.from({ length }, (_, k) => ctx.collate(rows.map((r) => r[k]), `${ctx.path}[${k}]`));
    },
  },
  {
    name: 'object',
    test: isPlainObject,
    collate: (values, ctx) => {
      const objects = values as readonly Record<string, unknown>[];
      const keys = Object.keys(objects[0]!);
      const keySet = new Set(keys);
      objects.forEach((o, i) => {
        const own = Object.keys(o);
        const missing = keys.filter((k) => !Object.hasOwn(o, k));
        const extra = own.filter((k) => !keySet.has(k));
        if (missing.length > 0 || extra.length > 0) {
          const at = (k: string) => (ctx.path === '' ? k : `${ctx.path}.${k}`);
          collateError(
            ctx.path,
            i,
            [
              missing.length > 0 ? `missing key(s) ${missing.map((k) => `'${at(k)}'`).join(', ')}` : '',
              extra.length > 0 ? `unexpected key(s) ${extra.map((k) => `'${at(k)}'`).join(', ')}` : '',
            ]
              .filter(Boolean)
              .join(' and ') + ' compared with sample 0',
            { missing, extra },
          );
        }
      });
      const out: Record<string, unknown> = {};
      for (const k of keys) out[k] = ctx.collate(objects.map((o) => o[k]), ctx.path === '' ? k : `${ctx.path}.${k}`);
      return out;
    },
  },
];

/**
 * Builds a collate function from a list of per-type handlers (torch `collate(batch, collate_fn_map=…)`).
 * Custom `handlers` are tried first, then (unless `defaults: false`) {@link defaultCollateHandlers}.
 * All outputs hold freshly allocated typed arrays (never views of the samples), so they can be transferred.
 * Errors are `ConfigError('ERR_COLLATE')` naming the path and the sample index.
 */
export function createCollate<T = unknown, B = unknown>(options: CreateCollateOptions = {}): Collator<T, B> {
  const handlers = [...(options.handlers ?? []), ...(options.defaults === false ? [] : defaultCollateHandlers)];
  const collate = (values: readonly unknown[], path: string): unknown => {
    if (values.length === 0) collateError(path, undefined, 'the batch is empty');
    const first = values[0];
    const handler = handlers.find((h) => h.test(first));
    if (!handler) collateError(path, 0, `no collate handler accepts ${kindOf(first)}; pass a handler for it to createCollate()`);
    values.forEach((v, i) => {
      if (!handler.test(v)) collateError(path, i, `it is ${kindOf(v)} but sample 0 is ${kindOf(first)} (${handler.name})`);
    });
    return handler.collate(values, { path, collate });
  };
  return (samples) => collate(samples, '') as B;
}

/**
 * Collates a batch with {@link defaultCollateHandlers}: numbers, bigints and booleans become NdArrays `[B]`,
 * typed arrays and NdArrays of equal shape are stacked to `[B, ...shape]`, strings become `string[]`, and plain
 * objects and arrays are collated recursively. See the table on {@link defaultCollateHandlers}.
 */
export const defaultCollate: <T = unknown, B = unknown>(samples: readonly T[]) => B = createCollate() as <T, B>(samples: readonly T[]) => B;
