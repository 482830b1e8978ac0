import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ConfigError,
  DataError,
  describeError,
  isDataset,
  isIterableDataset,
  writeNpy,
  type Dataset,
  type IterableDataset,
} from '@mirkit/core';
import { flattenItem, type ManifestValue } from './flatten-item.js';
import { jsonReplacer } from './output.js';

export interface ExportDatasetOptions {
  /** Output directory (created if needed). */
  out: string;
  /** Export at most this many items (the first ones, in index order). */
  limit?: number | undefined;
  /** Name used in messages (e.g. the loader name). */
  name?: string | undefined;
  /** Stops the export between items; the manifest is then not written. */
  signal?: AbortSignal | undefined;
  /** Called after each item with the number exported so far and the expected total (undefined when unknown). */
  onProgress?: ((done: number, total: number | undefined) => void) | undefined;
}

export interface ExportDatasetResult {
  /** Path of the written `manifest.jsonl`. */
  manifest: string;
  /** Items exported. */
  items: number;
  /** `.npy` files written. */
  files: number;
}

/** Manifest name of the position field. */
const INDEX_KEY = 'index';

function fileSafe(key: string): string {
  return key.replace(/[^A-Za-z0-9._-]/g, '_');
}

async function* itemsOf(
  dataset: Dataset<unknown> | IterableDataset<unknown>,
  count: number | undefined,
  name: string,
) {
  if (isDataset(dataset)) {
    const n = Math.min(dataset.length, count ?? Infinity);
    for (let i = 0; i < n; i++) {
      try {
        yield await dataset.get(i);
      } catch (error) {
        throw new DataError(
          'ERR_DATASET_ITEM',
          `${name}: reading item ${i} failed: ${describeError(error)}`,
          { cause: error, details: { index: i } },
        );
      }
    }
    return;
  }
  if (count === 0) return;
  let i = 0;
  const iterator = dataset[Symbol.asyncIterator]();
  try {
    for (;;) {
      let step: IteratorResult<unknown>;
      try {
        step = await iterator.next();
      } catch (error) {
        throw new DataError(
          'ERR_DATASET_ITEM',
          `${name}: reading item ${i} failed: ${describeError(error)}`,
          { cause: error, details: { index: i } },
        );
      }
      if (step.done) return;
      yield step.value;
      if (++i === count) return;
    }
  } finally {
    await iterator.return?.();
  }
}

/**
 * Writes a dataset to `out` as `manifest.jsonl` (one JSON line per item, in index order) plus one `.npy` file per
 * array field, named `<index:6>_<field>.npy` and referenced from the line under the field's key. Works for map-style
 * and iterable datasets. `.npy` files are written atomically as items go; the manifest is streamed to a temporary
 * file that is renamed over `manifest.jsonl` only when every item has been written.
 */
export async function exportDataset(
  dataset: Dataset<unknown> | IterableDataset<unknown>,
  options: ExportDatasetOptions,
): Promise<ExportDatasetResult> {
  const name = options.name ?? 'dataset';
  const { limit, signal } = options;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
    throw new ConfigError('ERR_INVALID_OPTION', `limit should be a non-negative integer, but got ${limit}`);
  }
  if (!isDataset(dataset) && !isIterableDataset(dataset)) {
    throw new DataError(
      'ERR_DATASET_ITEM',
      `${name} is neither a map-style Dataset (length + get) nor an IterableDataset (async iterator)`,
    );
  }
  const length = isDataset(dataset) ? dataset.length : dataset.length;
  if (length === Infinity && limit === undefined) {
    throw new ConfigError('ERR_INVALID_OPTION', `${name} is endless (length Infinity): pass a limit`);
  }
  const total = length === undefined ? limit : Math.min(length, limit ?? Infinity);

  try {
    await mkdir(options.out, { recursive: true });
  } catch (error) {
    throw new ConfigError(
      'ERR_INVALID_OPTION',
      `Cannot create the output directory ${options.out}: ${describeError(error)}`,
      { cause: error },
    );
  }
  const manifest = join(options.out, 'manifest.jsonl');
  const tmp = join(options.out, `.manifest.jsonl.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(tmp, 'w');
  let items = 0;
  let files = 0;
  try {
    for await (const item of itemsOf(dataset, limit, name)) {
      if (signal?.aborted)
        throw new DataError('ERR_ABORTED', `Export of ${name} aborted after ${items} items`, {
          cause: signal.reason,
        });
      const index = items;
      const prefix = String(index).padStart(6, '0');
      const line: Record<string, ManifestValue> = { [INDEX_KEY]: index };
      const writes: Promise<void>[] = [];
      const used = new Set<string>();
      for (const field of flattenItem(item, `${name} item ${index}`)) {
        // The line's "index" is the position; an item field "index" that disagrees is kept as "item.index".
        const key =
          field.key === INDEX_KEY && !(field.kind === 'value' && field.value === index)
            ? `item.${INDEX_KEY}`
            : field.key;
        if (field.kind === 'value') {
          line[key] = field.value;
          continue;
        }
        let file = `${prefix}_${fileSafe(key)}.npy`;
        for (let n = 2; used.has(file); n++) file = `${prefix}_${fileSafe(key)}~${n}.npy`;
        used.add(file);
        line[key] = file;
        writes.push(writeNpy(join(options.out, file), field.array));
      }
      await Promise.all(writes);
      files += writes.length;
      await handle.write(`${JSON.stringify(line, jsonReplacer)}\n`);
      items++;
      options.onProgress?.(items, total);
    }
    if (signal?.aborted)
      throw new DataError('ERR_ABORTED', `Export of ${name} aborted after ${items} items`, {
        cause: signal.reason,
      });
    await handle.sync();
    await handle.close();
    await rename(tmp, manifest);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw error;
  }
  return { manifest, items, files };
}
