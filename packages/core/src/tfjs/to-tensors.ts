import * as tf from '@tensorflow/tfjs';
import { isNdArray, isTypedArray, type NdArray, type TypedArray } from '../array/nd-array.js';
import { DataError } from '../errors.js';

/** A collated batch after conversion: numeric arrays become tensors, everything else passes through. */
export type TensorBatch<B> = {
  [K in keyof B]: B[K] extends
    NdArray | TypedArray | number | readonly number[] | readonly (readonly number[])[]
    ? tf.Tensor
    : B[K];
};

function tensorFromNd(a: NdArray, key: string): tf.Tensor {
  const shape = [...a.shape];
  switch (a.dtype) {
    case 'float32':
      return tf.tensor(a.data as Float32Array, shape, 'float32');
    case 'int32':
      return tf.tensor(a.data as Int32Array, shape, 'int32');
    case 'bool':
      return tf.tensor(a.data as Uint8Array, shape, 'bool');
    case 'float64':
      return tf.tensor(Float32Array.from(a.data as Float64Array), shape, 'float32');
    case 'int8':
    case 'int16':
    case 'uint8':
    case 'uint16':
      return tf.tensor(Int32Array.from(a.data as Int16Array), shape, 'int32');
    case 'uint32':
    case 'int64': {
      const src = a.data as Uint32Array | BigInt64Array;
      const out = new Int32Array(src.length);
      for (let i = 0; i < src.length; i++) {
        const v = Number(src[i]);
        if (v > 2147483647 || v < -2147483648) {
          throw new DataError(
            'ERR_COLLATE',
            `Batch field '${key}'[${i}] = ${v} does not fit in int32 (tfjs has no 64-bit integers)`,
          );
        }
        out[i] = v;
      }
      return tf.tensor(out, shape, 'int32');
    }
  }
}

function toTensor(value: unknown, key: string): unknown {
  if (value instanceof tf.Tensor) return value;
  if (isNdArray(value)) return tensorFromNd(value, key);
  if (isTypedArray(value)) {
    if (value instanceof Float32Array || value instanceof Int32Array) return tf.tensor(value);
    if (value instanceof Float64Array) return tf.tensor(Float32Array.from(value));
    if (value instanceof BigInt64Array || value instanceof BigUint64Array) {
      return tensorFromNd({ data: value as BigInt64Array, shape: [value.length], dtype: 'int64' }, key);
    }
    return tf.tensor(Int32Array.from(value as Int16Array), [value.length], 'int32');
  }
  if (typeof value === 'number') return tf.scalar(value);
  if (
    Array.isArray(value) &&
    (value.length === 0 || typeof value[0] === 'number' || Array.isArray(value[0]))
  ) {
    try {
      return tf.tensor(value as number[]);
    } catch (error) {
      throw new DataError('ERR_COLLATE', `Batch field '${key}' is a ragged or non-numeric nested array`, {
        cause: error,
      });
    }
  }
  return value;
}

/**
 * Turns a collated batch of plain arrays (NdArrays, typed arrays, numbers, nested number arrays) into tensors on
 * the current backend. A top-level array batch (tuple) is converted element-wise. Non-numeric fields (strings,
 * ids) pass through unchanged. The caller owns the tensors (the Trainer converts inside `tf.tidy`).
 */
export function toTensors<B>(batch: B): TensorBatch<B> {
  if (Array.isArray(batch)) return batch.map((v, i) => toTensor(v, String(i))) as TensorBatch<B>;
  if (batch === null || typeof batch !== 'object' || isNdArray(batch) || isTypedArray(batch)) {
    return toTensor(batch, 'batch') as TensorBatch<B>;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(batch as Record<string, unknown>)) out[k] = toTensor(v, k);
  return out as TensorBatch<B>;
}
