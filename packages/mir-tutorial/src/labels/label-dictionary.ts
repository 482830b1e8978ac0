import { DataError } from '@mirkit/core';
import { jsonPath } from '../pyjama/validate.js';
import type { PyjamaFile } from '../pyjama/types.js';

/** A label: a text value or a number (numeric descriptions such as `pitchmidi`). */
export type Label = string | number;

/** Python's `str` ordering: by Unicode code point (JS `<` compares UTF-16 code units, which differs above U+FFFF). */
export function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
    const d = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (d !== 0) return d;
  }
}

/**
 * The tutorial's `f_get_labelname_dict` (`TUTO_task_Auto_Tagging.ipynb#c13`): `sorted(set(values))` over every
 * atom of every entry of the whole file (before any split). Strings sort by code point ('Synth' < 'bass' <
 * 'électro'), numbers numerically. The definition's `dictionary` order is not used (quirk Q3).
 *
 * @throws DataError `ERR_LABEL_DICTIONARY` naming the JSON path where upstream fails: an entry without the key
 *   (KeyError), a list-valued atom (unhashable), or strings mixed with numbers (not orderable).
 */
export function labelNameDict(pyjama: PyjamaFile, key: string): Label[] {
  const values = new Set<Label>();
  let kind: 'string' | 'number' | undefined;
  let first = '';
  pyjama.collection.entry.forEach((entry, i) => {
    const path = jsonPath(jsonPath('$.collection.entry', i), key);
    const atoms = entry[key];
    if (!atoms) {
      throw new DataError('ERR_LABEL_DICTIONARY', `${path}: entry ${i} has no '${key}' description (upstream KeyError)`, { details: { path, key, entry: i } });
    }
    atoms.forEach((atom, j) => {
      const v = atom.value;
      const at = jsonPath(jsonPath(path, j), 'value');
      if (Array.isArray(v)) {
        throw new DataError('ERR_LABEL_DICTIONARY', `${at}: a list-valued atom cannot be a label (upstream TypeError: unhashable type: 'list')`, { details: { path: at, key } });
      }
      const k = typeof v === 'string' ? 'string' : 'number';
      if (kind === undefined) {
        kind = k;
        first = at;
      } else if (k !== kind) {
        throw new DataError('ERR_LABEL_DICTIONARY', `${at}: ${k} label mixed with ${kind} labels (e.g. ${first}); they cannot be sorted together (upstream TypeError)`, {
          details: { path: at, key },
        });
      }
      values.add(v);
    });
  });
  const out = [...values];
  return kind === 'number' ? (out as number[]).sort((a, b) => a - b) : (out as string[]).sort(compareCodePoints);
}
