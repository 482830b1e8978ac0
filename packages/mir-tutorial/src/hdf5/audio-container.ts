import { open } from 'node:fs/promises';
import { DataError, FormatError, describeError } from '@mirkit/core';

/** The HDF5 format signature, found at offset 0 or at 512·2^k when the file has a user block. */
const SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/** The tutorial's audio container `{base}_audio.hdf5`: one 1-D waveform dataset per file, attribute `sr_hz`. */
export interface AudioContainer {
  readonly path: string;
  /** Dataset keys at the root (the pyjama `filepath` with `/` flattened to `+++`). */
  keys(): string[];
  has(key: string): boolean;
  /** `sr_hz` of a dataset (int64 attribute, returned as a number). */
  sampleRate(key: string): number;
  /** Number of samples of a dataset, without reading it. */
  numSamples(key: string): number;
  /** The whole waveform as float32 (the notebook's `fid[key][:]` then `.float()`). */
  read(key: string): Float32Array;
  close(): void;
}

interface H5Attribute {
  value: unknown;
}
interface H5Entity {
  type: string;
  shape?: number[] | null;
  dtype?: unknown;
  attrs?: Record<string, H5Attribute>;
  value?: unknown;
}
interface H5File {
  file_id: bigint;
  keys(): string[];
  get(path: string): H5Entity | null;
  close(): unknown;
}
interface H5Module {
  ready: Promise<unknown>;
  File: new (path: string, mode: string) => H5File;
}

let modulePromise: Promise<H5Module> | undefined;
/** h5wasm is ESM-only (no `require` condition), so it is loaded with a dynamic import from both builds. */
async function loadH5wasm(): Promise<H5Module> {
  modulePromise ??= import('h5wasm/node').then(async (m) => {
    const h5 = ((m as { default?: H5Module }).default ?? m) as H5Module;
    await h5.ready;
    return h5;
  });
  return modulePromise;
}

async function assertHdf5(path: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new DataError('ERR_MISSING_FILE', `Cannot read hdf5 file ${path}: ${describeError(error)}`, { cause: error, details: { file: path } });
  }
  try {
    const { size } = await handle.stat();
    const header = Buffer.alloc(8);
    for (let offset = 0; offset + 8 <= size; offset = offset === 0 ? 512 : offset * 2) {
      await handle.read(header, 0, 8, offset);
      if (SIGNATURE.every((b, i) => header[i] === b)) return;
    }
  } finally {
    await handle.close();
  }
  throw new FormatError('ERR_HDF5_INVALID', `${path} is not an HDF5 file (no HDF5 signature)`, { details: { file: path } });
}

function toFloat32(value: unknown, path: string, key: string): Float32Array {
  if (value instanceof Float32Array) return value;
  if (value instanceof Float64Array || value instanceof Int16Array || value instanceof Int32Array || value instanceof Uint8Array || value instanceof Int8Array || value instanceof Uint16Array) {
    return Float32Array.from(value);
  }
  if (value instanceof BigInt64Array) return Float32Array.from(value, (v) => Number(v));
  throw new FormatError('ERR_HDF5_INVALID', `${path}: dataset '${key}' is not a numeric array`, { details: { file: path, key } });
}

/**
 * Opens a tutorial audio container with h5wasm (read-only; the file is read in place).
 *
 * @throws DataError `ERR_MISSING_FILE` when the file cannot be read.
 * @throws FormatError `ERR_HDF5_INVALID` when it is not HDF5, and from the accessors when a dataset is not a 1-D
 *   numeric array or lacks `sr_hz`; DataError `ERR_HDF5_KEY` for an unknown key (listing some available keys).
 */
export async function openAudioContainer(path: string): Promise<AudioContainer> {
  await assertHdf5(path);
  const h5 = await loadH5wasm();
  const file = new h5.File(path, 'r');
  if (file.file_id < 0n) throw new FormatError('ERR_HDF5_INVALID', `h5wasm cannot open ${path}`, { details: { file: path } });
  let closed = false;
  const dataset = (key: string): H5Entity => {
    if (closed) throw new DataError('ERR_HDF5_KEY', `${path} is closed`, { details: { file: path, key } });
    const entity = file.keys().includes(key) ? file.get(key) : null;
    if (!entity) {
      const keys = file.keys();
      throw new DataError('ERR_HDF5_KEY', `${path} has no dataset '${key}'; ${keys.length} keys, e.g. ${keys.slice(0, 5).join(', ')}`, { details: { file: path, key } });
    }
    if (entity.type !== 'Dataset' || entity.shape?.length !== 1) {
      throw new FormatError('ERR_HDF5_INVALID', `${path}: '${key}' should be a 1-D dataset (mono waveform), got ${entity.type} of shape [${entity.shape?.join(', ') ?? ''}]`, {
        details: { file: path, key },
      });
    }
    return entity;
  };
  return {
    path,
    keys: () => file.keys().filter((k) => file.get(k)?.type === 'Dataset'),
    has: (key) => file.keys().includes(key) && file.get(key)?.type === 'Dataset',
    sampleRate(key) {
      const attr = dataset(key).attrs?.sr_hz;
      const value = attr?.value;
      const rate = typeof value === 'bigint' ? Number(value) : value;
      if (typeof rate !== 'number' || !(rate > 0)) {
        throw new FormatError('ERR_HDF5_INVALID', `${path}: dataset '${key}' has no positive 'sr_hz' attribute (got ${String(value)})`, { details: { file: path, key, attribute: 'sr_hz' } });
      }
      return rate;
    },
    numSamples: (key) => dataset(key).shape![0]!,
    read: (key) => toFloat32(dataset(key).value, path, key),
    close() {
      if (!closed) file.close();
      closed = true;
    },
  };
}
