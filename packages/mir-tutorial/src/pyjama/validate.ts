import { FormatError } from '@mirkit/core';
import type { PyjamaAtom, PyjamaConstraint, PyjamaContent, PyjamaDefinition, PyjamaEntry, PyjamaExtent, PyjamaFile, PyjamaValue } from './types.js';

const CONTENTS: readonly PyjamaContent[] = ['text', 'numeric'];
const EXTENTS: readonly PyjamaExtent[] = ['global', 'marker', 'segment', 'breakpoint', 'breakpoint_time', 'breakpoint_value'];
const CONSTRAINTS: readonly PyjamaConstraint[] = ['free', 'filepath', 'value_in_dictionary'];
/** snake_case key ← accepted spellings (v1.31 camelCase, pre-2024-10 `column_name`). */
const DEFINITION_KEYS: Record<string, string> = {
  type_content: 'type_content', typeContent: 'type_content',
  type_extent: 'type_extent', typeExtent: 'type_extent',
  type_constraint: 'type_constraint', typeConstraint: 'type_constraint',
  dictionary: 'dictionary',
  row_name: 'row_name', column_name: 'row_name', columnName: 'row_name', rowName: 'row_name',
  is_table: 'is_table', isTable: 'is_table',
  is_editable: 'is_editable', isEditable: 'is_editable',
  is_filter: 'is_filter', isFilter: 'is_filter',
  generator: 'generator',
};
const ATOM_KEYS = new Set(['value', 'time', 'duration', 'confidence', 'start_freq', 'end_freq', 'comment']);
const TIMED: ReadonlySet<PyjamaExtent> = new Set(['marker', 'segment', 'breakpoint']);

/** `$.a.b[3]["odd key"]` */
export function jsonPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const describe = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'string' ? `the string ${JSON.stringify(v)}` : typeof v);

class Checker {
  constructor(readonly file: string) {}

  fail(path: string, message: string): never {
    throw new FormatError('ERR_PYJAMA_INVALID', `${this.file}: ${path}: ${message}`, { details: { file: this.file, path } });
  }

  numbers(value: unknown, path: string): number | number[] {
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    if (Array.isArray(value) && value.every((v) => typeof v === 'number' && Number.isFinite(v))) return value as number[];
    return this.fail(path, `expected a number or a list of numbers, got ${describe(value)}`);
  }

  value(value: unknown, path: string, depth = 0): PyjamaValue {
    if (typeof value === 'string') return value;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) this.fail(path, `expected a finite number, got ${value}`);
      return value;
    }
    if (Array.isArray(value) && depth < 2) return value.map((v, i) => this.value(v, jsonPath(path, i), depth + 1));
    return this.fail(path, `expected a string, a number or a list (at most 2-D), got ${describe(value)}`);
  }
}

/** Flattens a value to its leaves. */
function leaves(value: PyjamaValue): (string | number)[] {
  return Array.isArray(value) ? value.flatMap(leaves) : [value];
}

/** Number of time steps a `value` describes (`len(value[0])` for a matrix, else 1). */
function valueColumns(value: PyjamaValue): number | undefined {
  return Array.isArray(value) && Array.isArray(value[0]) ? value[0].length : undefined;
}

function checkDefinition(c: Checker, raw: unknown, path: string): PyjamaDefinition {
  if (!isObject(raw)) return c.fail(path, `expected a definition object, got ${describe(raw)}`);
  const d: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(raw)) {
    const norm = DEFINITION_KEYS[key];
    if (!norm) c.fail(jsonPath(path, key), `unknown definition key (expected ${[...new Set(Object.values(DEFINITION_KEYS))].join(', ')})`);
    d[norm!] = v;
  }
  const oneOf = <T extends string>(key: string, allowed: readonly T[], fallback?: T): T => {
    const v = d[key] ?? fallback;
    if (typeof v !== 'string' || !allowed.includes(v as T)) {
      c.fail(jsonPath(path, key), `expected one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${v === undefined ? 'nothing' : describe(v)}`);
    }
    return v as T;
  };
  const definition: PyjamaDefinition = {
    type_content: oneOf('type_content', CONTENTS),
    type_extent: oneOf('type_extent', EXTENTS),
    type_constraint: oneOf('type_constraint', CONSTRAINTS, 'free'),
    dictionary: [],
    row_name: [],
  };
  if (d.dictionary !== undefined) {
    if (!Array.isArray(d.dictionary) || !d.dictionary.every((x) => typeof x === 'string' || typeof x === 'number')) {
      c.fail(jsonPath(path, 'dictionary'), `expected a list of strings or numbers, got ${describe(d.dictionary)}`);
    }
    definition.dictionary = d.dictionary as (string | number)[];
  }
  if (d.row_name !== undefined) {
    if (!Array.isArray(d.row_name) || !d.row_name.every((x) => typeof x === 'string')) c.fail(jsonPath(path, 'row_name'), `expected a list of strings, got ${describe(d.row_name)}`);
    definition.row_name = d.row_name as string[];
  }
  for (const key of ['is_table', 'is_editable', 'is_filter'] as const) {
    if (d[key] === undefined) continue;
    if (typeof d[key] !== 'boolean') c.fail(jsonPath(path, key), `expected a boolean, got ${describe(d[key])}`);
    definition[key] = d[key] as boolean;
  }
  if (d.generator !== undefined) {
    if (!isObject(d.generator)) c.fail(jsonPath(path, 'generator'), `expected an object, got ${describe(d.generator)}`);
    definition.generator = d.generator as Record<string, unknown>;
  }
  if (definition.type_content === 'numeric' && definition.type_constraint === 'value_in_dictionary') {
    const dict = definition.dictionary;
    if (dict.length !== 2 || !dict.every((x) => typeof x === 'number') || (dict[0] as number) > (dict[1] as number)) {
      c.fail(jsonPath(path, 'dictionary'), `a numeric value_in_dictionary description needs [min, max], got ${JSON.stringify(dict)}`);
    }
  }
  return definition;
}

function checkAtom(c: Checker, raw: unknown, path: string, def: PyjamaDefinition, entry: Record<string, unknown>, defs: Record<string, PyjamaDefinition>): PyjamaAtom {
  if (!isObject(raw)) return c.fail(path, `expected an atom object {value, …}, got ${describe(raw)}`);
  for (const key of Object.keys(raw)) {
    if (!ATOM_KEYS.has(key)) c.fail(jsonPath(path, key), `unknown atom field (expected ${[...ATOM_KEYS].join(', ')})`);
  }
  if (!('value' in raw)) c.fail(path, "atom has no 'value'");
  const atom: PyjamaAtom = { value: c.value(raw.value, jsonPath(path, 'value')) };
  // `{value: ''}` is the writer's filler for a missing description (M_check): valid for any extent.
  if (atom.value === '' && Object.keys(raw).length === 1) return atom;
  for (const key of ['time', 'duration', 'confidence', 'start_freq', 'end_freq'] as const) {
    if (raw[key] !== undefined) atom[key] = c.numbers(raw[key], jsonPath(path, key));
  }
  if (raw.comment !== undefined) {
    if (typeof raw.comment !== 'string') c.fail(jsonPath(path, 'comment'), `expected a string, got ${describe(raw.comment)}`);
    atom.comment = raw.comment;
  }
  const extent = def.type_extent;
  if (TIMED.has(extent) && atom.time === undefined) c.fail(path, `a ${extent} atom needs 'time'`);
  if (extent === 'segment' && atom.duration === undefined) c.fail(path, "a segment atom needs 'duration'");
  const steps = Array.isArray(atom.time) ? atom.time.length : 1;
  if (Array.isArray(atom.time) && steps > 1 && valueColumns(atom.value) !== steps) {
    c.fail(jsonPath(path, 'value'), `'time' has ${steps} values, so 'value' must be a matrix with ${steps} columns (len(value[0]) == len(time))`);
  }
  for (const key of ['duration', 'confidence', 'start_freq', 'end_freq'] as const) {
    const v = atom[key];
    if (v !== undefined && Array.isArray(atom.time) && (Array.isArray(v) ? v.length : 1) !== steps) {
      c.fail(jsonPath(path, key), `expected ${steps} value${steps === 1 ? '' : 's'} like 'time', got ${Array.isArray(v) ? v.length : 1}`);
    }
  }
  if (extent === 'breakpoint' || extent === 'breakpoint_value' || extent === 'breakpoint_time' || (extent === 'global' && def.row_name.length > 1)) {
    const rows = def.row_name.length;
    if (!Array.isArray(atom.value) || !atom.value.every(Array.isArray)) c.fail(jsonPath(path, 'value'), `a ${extent} value must be a (nb_dim, T) matrix`);
    const matrix = atom.value as PyjamaValue[][];
    if (rows > 0 && matrix.length !== rows) c.fail(jsonPath(path, 'value'), `expected ${rows} rows (row_name ${JSON.stringify(def.row_name)}), got ${matrix.length}`);
    const width = matrix[0]?.length ?? 0;
    const ragged = matrix.findIndex((r) => r.length !== width);
    if (ragged >= 0) c.fail(jsonPath(jsonPath(path, 'value'), ragged), `row has ${matrix[ragged]!.length} values, row 0 has ${width}`);
    if (extent === 'breakpoint' && steps !== width && !(atom.time !== undefined && !Array.isArray(atom.time) && width === 1)) {
      c.fail(jsonPath(path, 'value'), `expected ${steps} columns like 'time', got ${width}`);
    }
    if (extent === 'breakpoint_value') {
      const timeName = Object.keys(defs).find((n) => defs[n]!.type_extent === 'breakpoint_time' && Array.isArray(entry[n]) && (entry[n] as unknown[]).length > 0);
      if (!timeName) c.fail(path, 'a breakpoint_value atom needs a breakpoint_time description in the same entry');
      const timeValue = (entry[timeName!] as { value?: unknown }[])[0]?.value;
      const timeWidth = Array.isArray(timeValue) && Array.isArray(timeValue[0]) ? timeValue[0].length : undefined;
      if (timeWidth !== width) c.fail(jsonPath(path, 'value'), `expected ${String(timeWidth)} columns like '${timeName}', got ${width}`);
    }
  }
  if (def.type_content === 'numeric') {
    const bad = leaves(atom.value).findIndex((v) => typeof v !== 'number');
    if (bad >= 0) c.fail(jsonPath(path, 'value'), `a numeric description holds numbers, got ${describe(leaves(atom.value)[bad])}`);
  }
  if (def.type_constraint === 'value_in_dictionary') {
    for (const v of leaves(atom.value)) {
      if (def.type_content === 'text' && !def.dictionary.includes(v)) {
        c.fail(jsonPath(path, 'value'), `${describe(v)} is not in the dictionary ${JSON.stringify(def.dictionary)}`);
      }
      // Correct [min, max] check (the upstream writer's check is inverted, mir-tutorial.md T16).
      if (def.type_content === 'numeric' && typeof v === 'number' && (v < (def.dictionary[0] as number) || v > (def.dictionary[1] as number))) {
        c.fail(jsonPath(path, 'value'), `${v} is outside the range [${def.dictionary.join(', ')}]`);
      }
    }
  }
  return atom;
}

/**
 * Validates a parsed `.pyjama` document and returns it normalised: definitions with snake_case keys and
 * defaults (`type_constraint` 'free', empty `dictionary` / `row_name`), every description a list of atoms (a bare
 * atom object is wrapped). Follows the writer's rules (mir-tutorial.md §2.4) except the filesystem check of
 * `filepath` constraints; the numeric `[min, max]` check is the corrected one.
 *
 * @param file names the file in error messages.
 * @throws FormatError `ERR_PYJAMA_INVALID` naming the file and the JSON path (`$.collection.entry[3].tag[0].value`).
 */
export function validatePyjama(json: unknown, file = '<pyjama>'): PyjamaFile {
  const c = new Checker(file);
  if (!isObject(json)) c.fail('$', `expected a JSON object, got ${describe(json)}`);
  const root = json as Record<string, unknown>;
  const version = root.schemaversion;
  if (typeof version !== 'number' && typeof version !== 'string') c.fail('$.schemaversion', `expected a number or a string, got ${version === undefined ? 'nothing' : describe(version)}`);
  if (!isObject(root.collection)) c.fail('$.collection', `expected an object, got ${root.collection === undefined ? 'nothing' : describe(root.collection)}`);
  const collection = root.collection as Record<string, unknown>;
  if (!isObject(collection.descriptiondefinition)) c.fail('$.collection.descriptiondefinition', `expected an object, got ${describe(collection.descriptiondefinition)}`);
  if (!Array.isArray(collection.entry)) c.fail('$.collection.entry', `expected a list of entries, got ${collection.entry === undefined ? 'nothing' : describe(collection.entry)}`);
  const definitions: Record<string, PyjamaDefinition> = {};
  for (const [name, raw] of Object.entries(collection.descriptiondefinition as Record<string, unknown>)) {
    definitions[name] = checkDefinition(c, raw, jsonPath('$.collection.descriptiondefinition', name));
  }
  const entries = (collection.entry as unknown[]).map((raw, i): PyjamaEntry => {
    const path = jsonPath('$.collection.entry', i);
    if (!isObject(raw)) return c.fail(path, `expected an entry object, got ${describe(raw)}`);
    const entry: PyjamaEntry = {};
    for (const [name, atoms] of Object.entries(raw)) {
      const def = definitions[name];
      const atomsPath = jsonPath(path, name);
      if (!def) c.fail(atomsPath, `description '${name}' is not defined in descriptiondefinition (${Object.keys(definitions).join(', ')})`);
      const list = Array.isArray(atoms) ? atoms : isObject(atoms) ? [atoms] : c.fail(atomsPath, `expected a list of atoms, got ${describe(atoms)}`);
      entry[name] = list.map((atom, j) => checkAtom(c, atom, jsonPath(atomsPath, j), def!, raw, definitions));
    }
    return entry;
  });
  return { schemaversion: version as number | string, collection: { descriptiondefinition: definitions, entry: entries } };
}
