import { ConfigError } from '../errors.js';

/** Element types of the plain arrays that flow through datasets, collators and workers. */
export type DType = 'float32' | 'float64' | 'int8' | 'int16' | 'int32' | 'int64' | 'uint8' | 'uint16' | 'uint32' | 'bool';

export interface DTypeMap {
  float32: Float32Array;
  float64: Float64Array;
  int8: Int8Array;
  int16: Int16Array;
  int32: Int32Array;
  int64: BigInt64Array;
  uint8: Uint8Array;
  uint16: Uint16Array;
  uint32: Uint32Array;
  bool: Uint8Array;
}

export type TypedArray = DTypeMap[DType];

/**
 * An n-dimensional array as plain data: a typed array in C (row-major) order, its shape and dtype.
 * No tensors: these are cheap to create, structured-clone and transfer between worker threads.
 */
export interface NdArray<D extends DType = DType> {
  readonly data: DTypeMap[D];
  readonly shape: readonly number[];
  readonly dtype: D;
}

const CTORS = {
  float32: Float32Array,
  float64: Float64Array,
  int8: Int8Array,
  int16: Int16Array,
  int32: Int32Array,
  int64: BigInt64Array,
  uint8: Uint8Array,
  uint16: Uint16Array,
  uint32: Uint32Array,
  bool: Uint8Array,
} as const;

/** Number of elements of a shape (1 for a scalar shape `[]`). */
export function shapeSize(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Validates a shape: non-negative integers. */
export function assertShape(shape: readonly number[], what = 'shape'): void {
  for (const [i, d] of shape.entries()) {
    if (!Number.isInteger(d) || d < 0) {
      throw new ConfigError('ERR_SHAPE_MISMATCH', `${what}[${i}] should be a non-negative integer, but got ${d}`);
    }
  }
}

/** The dtype a typed array holds by default (`Uint8Array` → `uint8`; use `'bool'` explicitly for masks). */
export function dtypeOf(data: TypedArray): DType {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Float64Array) return 'float64';
  if (data instanceof Int32Array) return 'int32';
  if (data instanceof BigInt64Array) return 'int64';
  if (data instanceof Uint8Array || data instanceof Uint8ClampedArray) return 'uint8';
  if (data instanceof Int16Array) return 'int16';
  if (data instanceof Int8Array) return 'int8';
  if (data instanceof Uint16Array) return 'uint16';
  if (data instanceof Uint32Array) return 'uint32';
  throw new ConfigError('ERR_INVALID_OPTION', `Unsupported typed array: ${Object.prototype.toString.call(data)}`);
}

/** The typed-array constructor of a dtype. */
export function typedArrayFor<D extends DType>(dtype: D): new (length: number) => DTypeMap[D] {
  const ctor = CTORS[dtype];
  if (!ctor) throw new ConfigError('ERR_INVALID_OPTION', `Unknown dtype '${String(dtype)}'`);
  return ctor as unknown as new (length: number) => DTypeMap[D];
}

/** Wraps a typed array as an {@link NdArray}, checking that the shape matches its length. */
export function ndarray<D extends DType>(data: DTypeMap[D], shape?: readonly number[], dtype?: D): NdArray<D> {
  const s = shape ?? [data.length];
  assertShape(s);
  if (shapeSize(s) !== data.length) {
    throw new ConfigError('ERR_SHAPE_MISMATCH', `Shape [${s.join(', ')}] needs ${shapeSize(s)} elements, but the data has ${data.length}`);
  }
  return { data, shape: [...s], dtype: dtype ?? (dtypeOf(data) as D) };
}

/** A zero-filled array. */
export function zeros<D extends DType = 'float32'>(shape: readonly number[], dtype: D = 'float32' as D): NdArray<D> {
  assertShape(shape);
  const Ctor = typedArrayFor(dtype);
  return { data: new Ctor(shapeSize(shape)), shape: [...shape], dtype };
}

/** Duck-typed check for an {@link NdArray}. */
export function isNdArray(value: unknown): value is NdArray {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<NdArray>;
  return ArrayBuffer.isView(v.data) && Array.isArray(v.shape) && typeof v.dtype === 'string';
}

/** True for any typed array (not DataView). */
export function isTypedArray(value: unknown): value is TypedArray {
  return ArrayBuffer.isView(value) && !(value instanceof DataView);
}

/**
 * The ArrayBuffers reachable from a value (typed arrays, NdArrays, nested objects and arrays), deduplicated:
 * the transfer list for `postMessage`. SharedArrayBuffers are skipped (they are shared, not transferred).
 */
export function collectTransferables(value: unknown, out: Set<ArrayBuffer> = new Set()): ArrayBuffer[] {
  visit(value, out, 0);
  return [...out];
}

function visit(value: unknown, out: Set<ArrayBuffer>, depth: number): void {
  if (depth > 64 || value === null || typeof value !== 'object') return;
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer) out.add(value.buffer);
    return;
  }
  if (value instanceof ArrayBuffer) {
    out.add(value);
    return;
  }
  if (Array.isArray(value)) {
    for (const v of value) visit(v, out, depth + 1);
    return;
  }
  if (value instanceof Map) {
    for (const v of value.values()) visit(v, out, depth + 1);
    return;
  }
  for (const v of Object.values(value)) visit(v, out, depth + 1);
}
