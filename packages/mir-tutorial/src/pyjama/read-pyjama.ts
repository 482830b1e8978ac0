import { readFile } from 'node:fs/promises';
import { DataError, FormatError, describeError } from '@mirkit/core';
import type { PyjamaFile } from './types.js';
import { validatePyjama } from './validate.js';

/**
 * Parses and validates `.pyjama` text ({@link validatePyjama}).
 * @throws FormatError `ERR_PYJAMA_INVALID` naming the file (and the JSON path, or the parse position).
 */
export function parsePyjama(text: string, file = '<pyjama>'): PyjamaFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new FormatError('ERR_PYJAMA_INVALID', `${file}: $: not valid JSON (${describeError(error)})`, { cause: error, details: { file, path: '$' } });
  }
  return validatePyjama(json, file);
}

/**
 * Reads, parses and validates a `.pyjama` file.
 * @throws DataError `ERR_MISSING_FILE` when it cannot be read; FormatError `ERR_PYJAMA_INVALID` when invalid.
 */
export async function readPyjama(path: string): Promise<PyjamaFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new DataError('ERR_MISSING_FILE', `Cannot read pyjama file ${path}: ${describeError(error)}`, { cause: error, details: { file: path } });
  }
  return parsePyjama(text, path);
}
