import { FormatError } from '@mirkit/core';
import { readTextFile } from '../io/read-text-file.js';

/** One row of the LTM fork's `data/dataset_index.csv` (beatnet.md §8.4). */
export interface DatasetIndexRow {
  /** `ballroom` or `gtzan` upstream (informational). */
  readonly dataset: string;
  /** Audio path relative to the project root; also the item's `audio_id`. */
  readonly audioPath: string;
  /** `.beats` path relative to the project root. */
  readonly beatsPath: string;
  readonly hasDownbeats: boolean;
}

const COLUMNS = ['dataset', 'audio_path', 'beats_path', 'has_downbeats'] as const;

function fail(source: string, message: string, details: Record<string, unknown>): FormatError {
  return new FormatError('ERR_DATASET_INDEX', `${source}: ${message}`, { details: { file: source, ...details } });
}

/**
 * Parses `dataset_index.csv`: header `dataset,audio_path,beats_path,has_downbeats` (any column order), comma
 * separated, no quoting, `has_downbeats` `True`/`False` (case-insensitive). Blank lines are skipped.
 *
 * @throws FormatError `ERR_DATASET_INDEX` naming the file, line, row and column at fault.
 */
export function parseDatasetIndex(text: string, source = '<dataset_index.csv>'): DatasetIndexRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerLine = lines.findIndex((l) => l.trim().length > 0);
  if (headerLine < 0) throw fail(source, `empty file; expected the header ${COLUMNS.join(',')}`, {});
  const header = lines[headerLine]!.split(',').map((h) => h.trim());
  const position = new Map(header.map((h, i) => [h, i]));
  for (const column of COLUMNS) {
    if (!position.has(column)) {
      throw fail(source, `line ${headerLine + 1}: header lacks column '${column}' (got ${header.join(',')})`, { line: headerLine + 1, column });
    }
  }
  const rows: DatasetIndexRow[] = [];
  for (let i = headerLine + 1; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim().length === 0) continue;
    const line = i + 1;
    const row = rows.length;
    const cells = raw.split(',').map((c) => c.trim());
    if (cells.length !== header.length) {
      throw fail(source, `line ${line} (row ${row}): expected ${header.length} comma-separated cells, got ${cells.length}`, { line, row });
    }
    const cell = (column: (typeof COLUMNS)[number]): string => {
      const value = cells[position.get(column)!]!;
      if (value.length === 0) throw fail(source, `line ${line} (row ${row}), column '${column}': empty value`, { line, row, column });
      return value;
    };
    const flag = cell('has_downbeats').toLowerCase();
    if (flag !== 'true' && flag !== 'false') {
      throw fail(source, `line ${line} (row ${row}), column 'has_downbeats': expected True or False, got '${cells[position.get('has_downbeats')!]}'`, {
        line,
        row,
        column: 'has_downbeats',
      });
    }
    rows.push({ dataset: cell('dataset'), audioPath: cell('audio_path'), beatsPath: cell('beats_path'), hasDownbeats: flag === 'true' });
  }
  return rows;
}

/**
 * Reads and parses a `dataset_index.csv` file ({@link parseDatasetIndex}).
 * @throws DataError `ERR_MISSING_FILE` when the file cannot be read.
 */
export async function readDatasetIndex(path: string): Promise<DatasetIndexRow[]> {
  return parseDatasetIndex(await readTextFile(path, 'dataset index'), path);
}
