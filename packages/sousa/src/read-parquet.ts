import { readFile } from 'node:fs/promises';
import { DataError, FormatError, describeError } from '@mirkit/core';
import { parquetMetadata, parquetReadObjects, type FileMetaData, type SchemaElement } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';

/** Value kind of a parquet column as mirkit reads it. */
export type ColumnKind = 'string' | 'int' | 'double' | 'bool';

/** How one column is read and checked. */
export interface ColumnSpec {
  readonly kind: ColumnKind;
  /** Nulls allowed (otherwise a null is a schema error). */
  readonly nullable?: boolean;
  /** Map null to `NaN` (for float columns that upstream stores with NaN, sousa.md Q16). */
  readonly nullAsNaN?: boolean;
  /** The column may be absent from the file (e.g. `aug_*` in MIDI-only datasets). */
  readonly optional?: boolean;
  /** Allowed string values. */
  readonly oneOf?: readonly string[];
}

/** Column name → spec. */
export type ColumnSpecs = Readonly<Record<string, ColumnSpec>>;

const PHYSICAL: Record<ColumnKind, readonly string[]> = {
  string: ['BYTE_ARRAY'],
  int: ['INT32', 'INT64'],
  double: ['DOUBLE', 'FLOAT', 'INT32', 'INT64'],
  bool: ['BOOLEAN'],
};

function schemaError(file: string, column: string, message: string, cause?: unknown): FormatError {
  return new FormatError('ERR_PARQUET_SCHEMA', `${file}: column '${column}': ${message}`, {
    cause,
    details: { file, column },
  });
}

async function loadParquet(file: string): Promise<{ buffer: ArrayBuffer; metadata: FileMetaData }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new DataError('ERR_MISSING_FILE', `Cannot read parquet file ${file}: ${describeError(error)}`, {
      cause: error,
      details: { file },
    });
  }
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  try {
    return { buffer, metadata: parquetMetadata(buffer) };
  } catch (error) {
    throw new FormatError('ERR_PARQUET_SCHEMA', `${file} is not a readable parquet file: ${describeError(error)}`, {
      cause: error,
      details: { file },
    });
  }
}

/** Top-level (non-nested) columns of a parquet schema, by name. */
function topLevelColumns(metadata: FileMetaData): Map<string, SchemaElement> {
  const out = new Map<string, SchemaElement>();
  const [root, ...rest] = metadata.schema;
  let i = 0;
  for (let c = 0; c < (root?.num_children ?? 0) && i < rest.length; c++) {
    const element = rest[i]!;
    out.set(element.name, element);
    // Skip the subtree of a nested column.
    let pending = element.num_children ?? 0;
    i++;
    while (pending > 0 && i < rest.length) {
      pending += (rest[i]!.num_children ?? 0) - 1;
      i++;
    }
  }
  return out;
}

function convert(file: string, column: string, spec: ColumnSpec, value: unknown, row: number): unknown {
  if (value === null || value === undefined) {
    if (spec.nullAsNaN) return Number.NaN;
    if (spec.nullable) return null;
    throw schemaError(file, column, `row ${row} is null, but the column is not nullable`);
  }
  switch (spec.kind) {
    case 'string':
      if (typeof value !== 'string') throw schemaError(file, column, `row ${row}: expected a string, got ${typeof value}`);
      if (spec.oneOf && !spec.oneOf.includes(value)) {
        throw schemaError(file, column, `row ${row}: expected one of ${spec.oneOf.join(', ')}, got '${value}'`);
      }
      return value;
    case 'int': {
      const n = typeof value === 'bigint' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isSafeInteger(n)) {
        throw schemaError(file, column, `row ${row}: expected an integer, got ${String(value)}`);
      }
      return n;
    }
    case 'double': {
      const n = typeof value === 'bigint' ? Number(value) : value;
      if (typeof n !== 'number') throw schemaError(file, column, `row ${row}: expected a number, got ${typeof value}`);
      return n;
    }
    case 'bool':
      if (typeof value !== 'boolean') throw schemaError(file, column, `row ${row}: expected a boolean, got ${typeof value}`);
      return value;
  }
}

/**
 * Reads the named columns of a parquet file (column projection: other columns are not decoded) and checks them
 * against `specs`: presence, physical type, nullability and allowed values. int64 values become `number`.
 *
 * Column order of the returned objects follows `columns`.
 *
 * @throws DataError `ERR_MISSING_FILE` when the file cannot be read.
 * @throws FormatError `ERR_PARQUET_SCHEMA` naming the file and the column when the file is not parquet, a column
 *   is missing or has the wrong type, or a value breaks its spec.
 */
export async function readParquetColumns(
  file: string,
  specs: ColumnSpecs,
  columns: readonly string[] = Object.keys(specs),
): Promise<Record<string, unknown>[]> {
  const { buffer, metadata } = await loadParquet(file);
  const schema = topLevelColumns(metadata);
  const present: string[] = [];
  for (const column of columns) {
    const spec = specs[column];
    if (!spec) {
      throw schemaError(file, column, `unknown column; known columns: ${Object.keys(specs).join(', ')}`);
    }
    const element = schema.get(column);
    if (!element) {
      if (spec.optional) continue;
      throw schemaError(file, column, `missing from the file; it has ${[...schema.keys()].join(', ') || 'no columns'}`);
    }
    const allNull = element.logical_type?.type === 'NULL';
    if (allNull && !(spec.nullable || spec.nullAsNaN)) {
      throw schemaError(file, column, 'is an all-null (Arrow null type) column, but the column is not nullable');
    }
    if (!allNull && (element.type === undefined || !PHYSICAL[spec.kind].includes(element.type))) {
      throw schemaError(file, column, `expected ${spec.kind} (${PHYSICAL[spec.kind].join(' | ')}), but the file stores ${element.type ?? 'a nested group'}`);
    }
    present.push(column);
  }
  let raw: Record<string, unknown>[];
  try {
    raw =
      present.length === 0
        ? Array.from({ length: Number(metadata.num_rows) }, () => ({}))
        : await parquetReadObjects({ file: buffer, metadata, columns: present, compressors });
  } catch (error) {
    throw new FormatError('ERR_PARQUET_SCHEMA', `${file}: cannot decode columns ${present.join(', ')}: ${describeError(error)}`, {
      cause: error,
      details: { file, columns: present },
    });
  }
  return raw.map((row, r) => {
    const out: Record<string, unknown> = {};
    for (const column of present) out[column] = convert(file, column, specs[column]!, row[column], r);
    return out;
  });
}
