import { DataError, isNdArray, isTypedArray, type NdArray, type TypedArray } from '@mirkit/core';
import { bigintToJson } from './output.js';

/** A JSON value as written to `manifest.jsonl`. */
export type ManifestValue = string | number | boolean | null | ManifestValue[];

/** One leaf of a flattened item: a JSON value, or an array to be written as `.npy`. */
export type FlatField =
  | { key: string; kind: 'value'; value: ManifestValue }
  | { key: string; kind: 'array'; array: NdArray | TypedArray };

const MAX_DEPTH = 32;

function scalar(value: unknown): ManifestValue | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      // JSON has no NaN/Infinity; write them as the strings Python's float() accepts.
      return Number.isFinite(value) ? value : String(value);
    case 'bigint':
      return bigintToJson(value);
    default:
      if (value === null) return null;
      if (value instanceof Date) return value.toISOString();
      return undefined;
  }
}

function describeType(value: unknown): string {
  if (typeof value !== 'object' || value === null) return typeof value;
  return Object.prototype.toString.call(value).slice(8, -1);
}

function visit(value: unknown, key: string, out: FlatField[], where: string, depth: number): void {
  if (value === undefined) return;
  const s = scalar(value);
  if (s !== undefined) {
    out.push({ key, kind: 'value', value: s });
    return;
  }
  if (isTypedArray(value) || isNdArray(value)) {
    out.push({ key, kind: 'array', array: value });
    return;
  }
  const fail = (why: string) =>
    new DataError('ERR_DATASET_ITEM', `${where}, field '${key || '(item)'}': ${why}`, {
      details: { field: key },
    });
  if (depth > MAX_DEPTH) throw fail(`nested deeper than ${MAX_DEPTH} levels`);
  if (Array.isArray(value)) {
    const values = value.map(scalar);
    if (values.every((v) => v !== undefined)) {
      out.push({ key, kind: 'value', value: values });
      return;
    }
    value.forEach((v, i) => visit(v, key ? `${key}.${i}` : String(i), out, where, depth + 1));
    return;
  }
  if (
    typeof value !== 'object' ||
    value === null ||
    value instanceof Map ||
    value instanceof Set ||
    value instanceof ArrayBuffer ||
    value instanceof DataView
  ) {
    throw fail(
      `cannot export a value of type ${describeType(value)} (expected numbers, strings, booleans, typed arrays, NdArrays, arrays or plain objects)`,
    );
  }
  for (const [k, v] of Object.entries(value)) visit(v, key ? `${key}.${k}` : k, out, where, depth + 1);
}

/**
 * Flattens a dataset item into manifest fields, in the item's key order: scalars and strings stay values (bigint →
 * number when safe, else string; NaN/±Infinity → strings; Date → ISO string), arrays of scalars stay JSON arrays,
 * typed arrays and NdArrays become `array` fields, nested objects and arrays of arrays flatten to dotted keys
 * (`features.mel`, `frames.0`). An item that is not an object is the single field `value`.
 * Throws `ERR_DATASET_ITEM` (naming `where` and the field) for values that cannot be exported, such as a Map.
 */
export function flattenItem(item: unknown, where: string): FlatField[] {
  const out: FlatField[] = [];
  const isRecord =
    typeof item === 'object' &&
    item !== null &&
    !Array.isArray(item) &&
    !isTypedArray(item) &&
    !isNdArray(item) &&
    !(item instanceof Date);
  visit(item, isRecord ? '' : 'value', out, where, 0);
  return out;
}
