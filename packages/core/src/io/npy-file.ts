import { readFile } from 'node:fs/promises';
import { DataError } from '../errors.js';
import type { NdArray, TypedArray } from '../array/nd-array.js';
import { parseNpy, serializeNpy } from './npy.js';
import { writeFileAtomic } from './write-file-atomic.js';

/** Reads a `.npy` file. */
export async function readNpy(path: string): Promise<NdArray> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new DataError('ERR_MISSING_FILE', `Cannot read .npy file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error, details: { file: path } });
  }
  return parseNpy(bytes, path);
}

/** Writes a `.npy` file atomically (temporary file + rename). */
export async function writeNpy(path: string, array: NdArray | TypedArray): Promise<void> {
  await writeFileAtomic(path, serializeNpy(array));
}
