import { ConfigError } from '../errors.js';
import { isNdArray, isTypedArray, shapeSize, typedArrayFor, type NdArray, type TypedArray } from '../array/nd-array.js';
import { asNdArray, collateError, numberDType } from './collate.js';
import { assertNonNegativeInt, assertOneOf, show } from './validate.js';

export interface PadSequencesOptions {
  /** Axis of each item along which lengths vary; negative counts from the end (default 0). */
  axis?: number;
  /** Value written into padded positions (default 0; a bigint or integer number for int64 data). */
  padValue?: number | bigint;
  /** Where padding goes: `'right'` (after the data, default) or `'left'` (before it). */
  side?: 'right' | 'left';
  /** Target length; default: the longest item. Longer items are truncated according to `truncate`. */
  length?: number;
  /** Which part of a too-long item to cut: `'end'` keeps the first `length` steps (default), `'start'` the last. */
  truncate?: 'end' | 'start';
  /** Field name for error messages. */
  path?: string;
}

/** Output of {@link padSequences}. */
export interface PaddedSequences {
  /** Fresh NdArray `[B, ...itemShape]` with the padded axis set to the target length. */
  data: NdArray;
  /** Valid (unpadded, after truncation) length of each item along the axis. */
  lengths: Int32Array;
  /** NdArray `uint8` `[B, targetLength]`: 1 at valid steps, 0 at padded steps. */
  attentionMask: NdArray<'uint8'>;
}

/** Something {@link padSequences} can pad: a typed array, an NdArray, or a plain array of numbers. */
export type Sequence = TypedArray | NdArray | readonly number[];

/** True for the values {@link padSequences} accepts. */
export function isSequence(value: unknown): value is Sequence {
  return isTypedArray(value) || isNdArray(value) || (Array.isArray(value) && value.every((v) => typeof v === 'number'));
}

/** Normalises a batch of sequences to NdArrays; plain number arrays get one dtype for the whole batch. */
function toNdArrays(items: readonly Sequence[], path: string): NdArray[] {
  const plain = items.filter((v): v is readonly number[] => Array.isArray(v));
  const dtype = numberDType(plain.flat());
  return items.map((v, i) => {
    if (Array.isArray(v)) {
      return dtype === 'int32' ? { data: Int32Array.from(v), shape: [v.length], dtype } : { data: Float64Array.from(v), shape: [v.length], dtype };
    }
    if (!isTypedArray(v) && !isNdArray(v)) collateError(path, i, `expected a typed array, NdArray or number[] to pad, but got ${show(v)}`);
    return asNdArray(v as TypedArray | NdArray);
  });
}

/**
 * Pads (and optionally truncates) a batch of arrays along one axis to a common length and stacks them.
 * All other axes and the dtype must agree across the batch (`ERR_COLLATE` naming the field, shapes and sample
 * otherwise). The output buffers are freshly allocated.
 */
export function padSequences(items: readonly Sequence[], options: PadSequencesOptions = {}): PaddedSequences {
  const { axis = 0, padValue = 0, side = 'right', truncate = 'end', path = '' } = options;
  assertOneOf('side', side, ['right', 'left'] as const);
  assertOneOf('truncate', truncate, ['end', 'start'] as const);
  if (!Number.isInteger(axis)) throw new ConfigError('ERR_INVALID_OPTION', `axis should be an integer, but got ${show(axis)}`);
  if (typeof padValue !== 'bigint' && typeof padValue !== 'number') {
    throw new ConfigError('ERR_INVALID_OPTION', `padValue should be a number or bigint, but got ${show(padValue)}`);
  }
  if (options.length !== undefined) assertNonNegativeInt('length', options.length);
  if (items.length === 0) collateError(path, undefined, 'the batch is empty');
  const arrays = toNdArrays(items, path);
  const first = arrays[0]!;
  const ndim = first.shape.length;
  const ax = axis < 0 ? ndim + axis : axis;
  if (ndim === 0 || ax < 0 || ax >= ndim) {
    throw new ConfigError('ERR_INVALID_OPTION', `axis ${axis} is out of range for ${path === '' ? 'items' : `field '${path}'`} of shape [${first.shape.join(', ')}]`, {
      details: { axis, path },
    });
  }
  const lengthsIn = arrays.map((a, i) => {
    if (a.dtype !== first.dtype) collateError(path, i, `dtype ${a.dtype} differs from sample 0's dtype ${first.dtype}`);
    if (a.shape.length !== ndim || a.shape.some((d, k) => k !== ax && d !== first.shape[k])) {
      collateError(path, i, `shape [${a.shape.join(', ')}] differs from sample 0's shape [${first.shape.join(', ')}] on an axis other than the padded axis ${ax}`, {
        shapes: [first.shape, a.shape],
      });
    }
    return a.shape[ax]!;
  });
  const target = options.length ?? Math.max(...lengthsIn);
  const outer = shapeSize(first.shape.slice(0, ax));
  const inner = shapeSize(first.shape.slice(ax + 1));
  const itemSize = outer * target * inner;
  const B = arrays.length;
  const Ctor = typedArrayFor(first.dtype);
  const data = new Ctor(B * itemSize) as TypedArray;
  const isBig = data instanceof BigInt64Array;
  let fill: number | bigint;
  if (isBig) {
    if (typeof padValue === 'number' && !Number.isInteger(padValue)) {
      throw new ConfigError('ERR_INVALID_OPTION', `padValue should be an integer for int64 ${path === '' ? 'items' : `field '${path}'`}, but got ${padValue}`);
    }
    fill = BigInt(padValue);
  } else {
    fill = Number(padValue);
  }
  if (fill !== 0 && fill !== 0n) (data as { fill(v: number | bigint): unknown }).fill(fill);
  const lengths = new Int32Array(B);
  const mask = new Uint8Array(B * target);
  const dst = data as { set(src: ArrayLike<number | bigint>, offset: number): void };
  arrays.forEach((a, b) => {
    const len = lengthsIn[b]!;
    const keep = Math.min(len, target);
    const srcStart = truncate === 'end' ? 0 : len - keep;
    const dstStart = side === 'right' ? 0 : target - keep;
    const src = a.data as TypedArray;
    for (let o = 0; o < outer; o++) {
      const from = (o * len + srcStart) * inner;
      dst.set(src.subarray(from, from + keep * inner) as ArrayLike<number | bigint>, b * itemSize + (o * target + dstStart) * inner);
    }
    lengths[b] = keep;
    mask.fill(1, b * target + dstStart, b * target + dstStart + keep);
  });
  const shape = [B, ...first.shape];
  shape[ax + 1] = target;
  return {
    data: { data, shape, dtype: first.dtype } as NdArray,
    lengths,
    attentionMask: { data: mask, shape: [B, target], dtype: 'uint8' },
  };
}
