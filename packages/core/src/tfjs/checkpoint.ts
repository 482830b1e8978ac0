import { readFile } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs';
import { DataError, describeError, FormatError } from '../errors.js';
import { writeFileAtomic } from '../io/write-file-atomic.js';

const MAGIC = 'MIRKITCK';
const VERSION = 1;

/** A tensor as stored in a checkpoint. */
export interface CheckpointTensor {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32' | 'bool';
  data: Float32Array | Int32Array | Uint8Array;
}

/** Everything a checkpoint holds. */
export interface CheckpointData {
  /** Module parameters, in `module.parameters()` order. */
  params: CheckpointTensor[];
  /** `optimizer.getWeights()` (iterations first, then slots), positional. */
  optimizer: CheckpointTensor[];
  /** Optimizer class and learning rate, for checks and LR restore. */
  optimizerInfo: { className: string; learningRate: number | null };
  /** JSON-serialisable trainer/loop/RNG/callback state. */
  state: Record<string, unknown>;
}

interface HeaderTensor {
  name: string;
  shape: number[];
  dtype: CheckpointTensor['dtype'];
  offset: number;
  byteLength: number;
}

interface Header {
  format: 'mirkit-checkpoint';
  version: number;
  params: HeaderTensor[];
  optimizer: HeaderTensor[];
  optimizerInfo: CheckpointData['optimizerInfo'];
  state: Record<string, unknown>;
}

/** Reads a tensor's values into a checkpoint entry. */
export async function snapshotTensor(name: string, t: tf.Tensor): Promise<CheckpointTensor> {
  const dtype = t.dtype === 'int32' || t.dtype === 'bool' ? t.dtype : 'float32';
  if (t.dtype !== dtype)
    throw new DataError('ERR_CHECKPOINT', `Cannot checkpoint tensor '${name}' of dtype ${t.dtype}`);
  return { name, shape: [...t.shape], dtype, data: ownedTensorValues(dtype, await t.data()) };
}

/** Copies a tensor's values into a fresh typed array of the matching kind (float32, int32 or bool as uint8). */
export function ownedTensorValues(
  dtype: 'float32' | 'int32' | 'bool',
  values: tf.TypedArray | string[] | Uint8Array[],
): Float32Array | Int32Array | Uint8Array {
  if (dtype === 'float32') return Float32Array.from(values as Float32Array);
  if (dtype === 'int32') return Int32Array.from(values as Int32Array);
  return Uint8Array.from(values as Uint8Array);
}

const NON_FINITE_KEY = '$nonFinite';

/**
 * JSON has no NaN or ±Infinity (`JSON.stringify` writes `null`), yet logged metrics and callback state hold them
 * (a NaN loss, `best = Infinity` before the first epoch). They are stored as `{ "$nonFinite": "NaN" }` and restored.
 */
function encodeNonFinite(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? { [NON_FINITE_KEY]: String(value) } : value;
}

function decodeNonFinite(_key: string, value: unknown): unknown {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const keys = Object.keys(value);
    const tag = (value as Record<string, unknown>)[NON_FINITE_KEY];
    if (keys.length === 1 && (tag === 'NaN' || tag === 'Infinity' || tag === '-Infinity')) return Number(tag);
  }
  return value;
}

/**
 * Writes a checkpoint file atomically. Layout: `MIRKITCK`, uint32 LE version, uint32 LE header length, the JSON
 * header (tensor table + state), zero padding to 8 bytes, then the raw little-endian tensor data.
 */
export async function writeCheckpoint(path: string, ckpt: CheckpointData): Promise<void> {
  let offset = 0;
  const table = (list: CheckpointTensor[]): HeaderTensor[] =>
    list.map((t) => {
      const entry = { name: t.name, shape: t.shape, dtype: t.dtype, offset, byteLength: t.data.byteLength };
      offset += Math.ceil(t.data.byteLength / 8) * 8;
      return entry;
    });
  const header: Header = {
    format: 'mirkit-checkpoint',
    version: VERSION,
    params: table(ckpt.params),
    optimizer: table(ckpt.optimizer),
    optimizerInfo: ckpt.optimizerInfo,
    state: ckpt.state,
  };
  const json = new TextEncoder().encode(JSON.stringify(header, encodeNonFinite));
  const pre = 16 + json.byteLength;
  const dataStart = Math.ceil(pre / 8) * 8;
  const bytes = new Uint8Array(dataStart + offset);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  const view = new DataView(bytes.buffer);
  view.setUint32(8, VERSION, true);
  view.setUint32(12, json.byteLength, true);
  bytes.set(json, 16);
  const all = [...ckpt.params, ...ckpt.optimizer];
  const entries = [...header.params, ...header.optimizer];
  for (const [i, t] of all.entries()) {
    bytes.set(
      new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength),
      dataStart + entries[i]!.offset,
    );
  }
  await writeFileAtomic(path, bytes);
}

/** Reads a checkpoint written by {@link writeCheckpoint}. */
export async function readCheckpoint(path: string): Promise<CheckpointData> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (error) {
    throw new DataError('ERR_MISSING_FILE', `Cannot read checkpoint '${path}': ${describeError(error)}`, {
      cause: error,
    });
  }
  if (bytes.byteLength < 16 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC) {
    throw new FormatError('ERR_CHECKPOINT', `'${path}' is not a mirkit checkpoint (bad magic)`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  if (version !== VERSION)
    throw new FormatError('ERR_CHECKPOINT', `'${path}': unsupported checkpoint version ${version}`);
  const len = view.getUint32(12, true);
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + len)), decodeNonFinite) as Header;
  } catch (error) {
    throw new FormatError('ERR_CHECKPOINT', `'${path}': corrupt checkpoint header`, { cause: error });
  }
  const dataStart = Math.ceil((16 + len) / 8) * 8;
  const read = (list: HeaderTensor[]): CheckpointTensor[] =>
    list.map((e) => {
      const start = dataStart + e.offset;
      if (start + e.byteLength > bytes.byteLength) {
        throw new FormatError(
          'ERR_CHECKPOINT',
          `'${path}': tensor '${e.name}' extends past the end of the file (truncated?)`,
        );
      }
      const buf = bytes.slice(start, start + e.byteLength).buffer;
      const data =
        e.dtype === 'float32'
          ? new Float32Array(buf)
          : e.dtype === 'int32'
            ? new Int32Array(buf)
            : new Uint8Array(buf);
      return { name: e.name, shape: e.shape, dtype: e.dtype, data };
    });
  return {
    params: read(header.params),
    optimizer: read(header.optimizer),
    optimizerInfo: header.optimizerInfo,
    state: header.state,
  };
}
