import { readFile } from 'node:fs/promises';
import { DataError, describeError } from '@mirkit/core';

/**
 * Reads a UTF-8 text file. `what` names it in the error ("beat annotation", "dataset index").
 * @throws DataError `ERR_MISSING_FILE` naming the file when it cannot be read.
 */
export async function readTextFile(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new DataError('ERR_MISSING_FILE', `Cannot read ${what} ${path}: ${describeError(error)}`, { cause: error, details: { file: path } });
  }
}
