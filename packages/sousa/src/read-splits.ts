import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataError, FormatError, describeError } from '@mirkit/core';
import type { SplitsJson } from './types.js';

/** Split names accepted by the loaders (`val` and `validation` are aliases, sousa.md Q8). */
export type SousaSplit = 'train' | 'val' | 'validation' | 'test';

/**
 * Reads and checks `<root>/splits.json`: an object whose `*_profile_ids` values are arrays of strings.
 *
 * @throws DataError `ERR_MISSING_FILE` when the file is missing.
 * @throws FormatError `ERR_SPLITS_JSON` naming the file and key when it is not valid JSON or has a bad shape.
 */
export async function readSplits(root: string): Promise<SplitsJson> {
  const file = join(root, 'splits.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new DataError('ERR_MISSING_FILE', `Cannot read ${file} (needed to select a split): ${describeError(error)}`, {
      cause: error,
      details: { file },
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new FormatError('ERR_SPLITS_JSON', `${file} is not valid JSON: ${describeError(error)}`, { cause: error, details: { file } });
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new FormatError('ERR_SPLITS_JSON', `${file}: expected a JSON object at the top level`, { details: { file } });
  }
  const record = json as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    if (!key.endsWith('_profile_ids')) continue;
    if (!Array.isArray(value)) {
      throw new FormatError('ERR_SPLITS_JSON', `${file}: '${key}' must be an array of profile ids, got ${typeof value}`, { details: { file, key } });
    }
    const bad = value.findIndex((v) => typeof v !== 'string');
    if (bad >= 0) {
      throw new FormatError('ERR_SPLITS_JSON', `${file}: '${key}[${bad}]' must be a string, got ${typeof value[bad]}`, { details: { file, key, index: bad } });
    }
  }
  return record as SplitsJson;
}

/**
 * Profile ids of a split, with upstream's key rule: `validation` reads `val_profile_ids`, else
 * `validation_profile_ids`; `val` reads `val_profile_ids`; any other name `X` reads `X_profile_ids`.
 *
 * @throws DataError `ERR_SPLIT_KEY` listing the available keys when the key is missing.
 */
export function profileIdsForSplit(splits: SplitsJson, split: string, file = 'splits.json'): readonly string[] {
  const candidates =
    split === 'validation' || split === 'val' ? ['val_profile_ids', 'validation_profile_ids'] : [`${split}_profile_ids`];
  for (const key of candidates) {
    const ids = splits[key];
    if (Array.isArray(ids)) return ids as string[];
  }
  const available = Object.keys(splits).filter((k) => k.endsWith('_profile_ids'));
  throw new DataError(
    'ERR_SPLIT_KEY',
    `Split '${split}' not found in ${file}: looked for ${candidates.join(' / ')}; available keys: ${available.join(', ') || '(none)'}`,
    { details: { file, split, available } },
  );
}
