import { isMirError } from '@mirkit/core';
import { requireFixtures } from '@mirkit/core/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labelNameDict } from '../labels/label-dictionary.js';
import { parsePyjama, readPyjama } from './read-pyjama.js';
import { validatePyjama } from './validate.js';

const dir = requireFixtures('mir-tutorial');

interface Facts {
  schemaversion_raw: number | string;
  definitions: Record<string, { extent: string; content: string; row_name: string[] }>;
  entries: { filepath: string; missing_keys: string[]; fields: Record<string, Record<string, string>[]> }[];
  tutorial_f_get_labelname_dict: Record<string, { value?: unknown[]; error?: string }>;
}

/** The JSON type name facts.json records for a field. */
function typeName(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (Array.isArray(v)) return Array.isArray(v[0]) ? `matrix[${v.length}x${(v[0] as unknown[]).length}]` : `list[${v.length}]`;
  return typeof v;
}

function invalid(json: unknown): { code: string; message: string; details: Record<string, unknown> } {
  try {
    validatePyjama(json, 'x.pyjama');
  } catch (error) {
    if (isMirError(error)) return error;
    throw error;
  }
  throw new Error('expected ERR_PYJAMA_INVALID');
}

const minimal = () => ({
  schemaversion: 1.4,
  collection: {
    descriptiondefinition: {
      filepath: { type_content: 'text', type_extent: 'global', type_constraint: 'free' },
      chord: { type_content: 'text', type_extent: 'segment', type_constraint: 'value_in_dictionary', dictionary: ['A', 'B'] },
      tempo: { type_content: 'numeric', type_extent: 'global', type_constraint: 'value_in_dictionary', dictionary: [40, 240] },
    },
    entry: [{ filepath: [{ value: 'a.wav' }], chord: [{ value: 'A', time: 0.0, duration: 1.0 }], tempo: [{ value: 120 }] }],
  } as Record<string, unknown>,
});

describe('.pyjama reading', () => {
  it.skipIf(!dir)('reads the tutorial-format annotations (v1.41, string schemaversion, escaped unicode)', async () => {
    const pj = await readPyjama(join(dir!, 'dataset', 'annotations.pyjama'));
    expect(pj.schemaversion).toBe('1.41');
    expect(pj.collection.entry).toHaveLength(12);
    expect(pj.collection.entry[0]!.title![0]!.value).toBe('Étude n°1 – A minor scale');
    expect(pj.collection.entry[2]!.instrument![0]!.value).toEqual(['kick', 'snare', 'hihat']);
    expect('tempo' in pj.collection.entry[3]!).toBe(false);
    expect(pj.collection.descriptiondefinition.f0multi!.row_name).toEqual(['f0_midi_voice1', 'f0_midi_voice2']);
  });

  for (const name of ['v131_camelcase_segments.pyjama', 'v14_breakpoint.pyjama', 'v14_breakpoint_time_value.pyjama', 'v141_list_valued_atoms.pyjama']) {
    it.skipIf(!dir)(`reads and normalises pyjama-compat/${name} as facts.json describes`, async () => {
      const facts = (JSON.parse(readFileSync(join(dir!, 'pyjama-compat', 'facts.json'), 'utf8')) as Record<string, Facts>)[name]!;
      const pj = await readPyjama(join(dir!, 'pyjama-compat', name));
      expect(pj.schemaversion).toBe(facts.schemaversion_raw);
      for (const [key, def] of Object.entries(facts.definitions)) {
        const got = pj.collection.descriptiondefinition[key]!;
        expect([got.type_extent, got.type_content, got.row_name]).toEqual([def.extent, def.content, def.row_name]);
      }
      facts.entries.forEach((want, i) => {
        const entry = pj.collection.entry[i]!;
        expect(entry.filepath![0]!.value).toBe(want.filepath);
        for (const missing of want.missing_keys) expect(entry[missing]).toBeUndefined();
        for (const [key, atoms] of Object.entries(want.fields)) {
          expect(entry[key]!.map((atom) => Object.fromEntries(Object.entries(atom).map(([k, v]) => [k, typeName(v)])))).toEqual(atoms);
        }
      });
      // f_get_labelname_dict on every description: the value, or a failure where upstream raises.
      for (const [key, want] of Object.entries(facts.tutorial_f_get_labelname_dict)) {
        if (want.error) expect(() => labelNameDict(pj, key), key).toThrow(/ERR_LABEL_DICTIONARY|upstream/);
        else expect(labelNameDict(pj, key)).toEqual(want.value);
      }
    });
  }

  it('maps camelCase and column_name definition keys to snake_case', () => {
    const pj = validatePyjama({
      schemaversion: 1.31,
      collection: { descriptiondefinition: { f0: { typeContent: 'numeric', typeExtent: 'breakpoint', column_name: ['hz'] } }, entry: [{ f0: [{ value: [[1, 2]], time: [0, 0.5] }] }] },
    });
    expect(pj.collection.descriptiondefinition.f0).toEqual({ type_content: 'numeric', type_extent: 'breakpoint', type_constraint: 'free', dictionary: [], row_name: ['hz'] });
  });

  it('malformed files → FormatError ERR_PYJAMA_INVALID naming the file and JSON path', () => {
    expect(() => parsePyjama('{"schemaversion": ', 'x.pyjama')).toThrow(/^x\.pyjama: \$: not valid JSON/);
    const cases: [(j: ReturnType<typeof minimal>) => unknown, RegExp][] = [
      [(j) => ({ ...j, schemaversion: true }), /\$\.schemaversion: expected a number or a string/],
      [() => ({ schemaversion: 1 }), /\$\.collection: expected an object, got nothing/],
      [(j) => ((j.collection.entry = {}), j), /\$\.collection\.entry: expected a list/],
      [(j) => (((j.collection.descriptiondefinition as any).chord.type_extent = 'region'), j), /descriptiondefinition\.chord\.type_extent: expected one of 'global'/],
      [(j) => (((j.collection.descriptiondefinition as any).chord.typo = 1), j), /descriptiondefinition\.chord\.typo: unknown definition key/],
      [(j) => (((j.collection.entry as any)[0].mood = []), j), /\$\.collection\.entry\[0\]\.mood: description 'mood' is not defined/],
      [(j) => (((j.collection.entry as any)[0].chord[0].time = 'zero'), j), /entry\[0\]\.chord\[0\]\.time: expected a number/],
      [(j) => (delete (j.collection.entry as any)[0].chord[0].duration, j), /entry\[0\]\.chord\[0\]: a segment atom needs 'duration'/],
      [(j) => (((j.collection.entry as any)[0].chord[0].value = 'C'), j), /entry\[0\]\.chord\[0\]\.value: the string "C" is not in the dictionary/],
      [(j) => (((j.collection.entry as any)[0].tempo[0].value = 300), j), /entry\[0\]\.tempo\[0\]\.value: 300 is outside the range \[40, 240\]/],
      [(j) => (((j.collection.entry as any)[0].tempo[0].value = 'fast'), j), /tempo\[0\]\.value: a numeric description holds numbers/],
      [(j) => (((j.collection.entry as any)[0].chord[0].extra = 1), j), /chord\[0\]\.extra: unknown atom field/],
      [(j) => (((j.collection.entry as any)[0].filepath[0] = { value: null }), j), /filepath\[0\]\.value: expected a string, a number or a list/],
      [(j) => (((j.collection.entry as any)[0].chord[0] = { value: [['A', 'B']], time: [0, 1, 2], duration: [1, 1, 1] }), j), /chord\[0\]\.value: 'time' has 3 values/],
    ];
    for (const [mutate, message] of cases) {
      const error = invalid(mutate(minimal()));
      expect(error.code).toBe('ERR_PYJAMA_INVALID');
      expect(error.message).toMatch(/^x\.pyjama: \$/);
      expect(error.message).toMatch(message);
    }
    const breakpoint = invalid({
      schemaversion: 1.4,
      collection: { descriptiondefinition: { f0: { type_content: 'numeric', type_extent: 'breakpoint', row_name: ['a', 'b'] } }, entry: [{ f0: [{ value: [[1, 2]], time: [0, 1] }] }] },
    });
    expect(breakpoint.message).toMatch(/entry\[0\]\.f0\[0\]\.value: expected 2 rows/);
    expect(breakpoint.details).toMatchObject({ file: 'x.pyjama', path: '$.collection.entry[0].f0[0].value' });
  });

  it('the writer filler {value: ""} is valid for any extent; a missing file is ERR_MISSING_FILE', async () => {
    const j = minimal();
    (j.collection.entry as any)[0].chord = [{ value: '' }];
    expect(validatePyjama(j).collection.entry[0]!.chord).toEqual([{ value: '' }]);
    await expect(readPyjama('/nonexistent.pyjama')).rejects.toMatchObject({ code: 'ERR_MISSING_FILE' });
  });
});
