import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../test-utils/fixture-data.js';
import { tokenizerFromParams } from '../tokenizers/create-tokenizer.js';
import { DataCollator } from './data-collator.js';
import { DatasetJSON, DatasetMIDI } from './dataset-midi.js';
import { preprocessTokenIds } from './preprocess-token-ids.js';

interface DatasetFixture {
  files: string[];
  len: number;
  items: { index: number; file: string; stream: number; num_tokens_untruncated: number; input_ids: number[] }[];
}
interface CollatorFixture {
  inputs: { index: number; input_ids: number[] }[];
  variants: Record<string, { kwargs: Record<string, unknown>; output: Record<string, { dtype: string; shape: number[]; values: number[][] }> }>;
}

describe('preprocessTokenIds', () => {
  it('adds BOS/EOS, drops EOS when truncating and honours id 0', () => {
    expect(preprocessTokenIds([5, 6, 7], { maxSeqLen: 10, bosTokenId: 1, eosTokenId: 2 })).toEqual([1, 5, 6, 7, 2]);
    expect(preprocessTokenIds([5, 6, 7, 8], { maxSeqLen: 4, bosTokenId: 1, eosTokenId: 2 })).toEqual([1, 5, 6]);
    expect(preprocessTokenIds([5], { maxSeqLen: 4, bosTokenId: 0 })).toEqual([0, 5]);
  });
});

describe.skipIf(!FIXTURES)('DatasetMIDI / DatasetJSON / DataCollator against MidiTok (fixtures data/)', () => {
  const fx = FIXTURES ? (JSON.parse(readFileSync(join(FIXTURES, 'data', 'dataset_midi_remi_default.json'), 'utf8')) as DatasetFixture) : undefined;
  const tok = FIXTURES ? tokenizerFromParams(readFileSync(join(FIXTURES, 'expected', 'remi_default', 'tokenizer.json'), 'utf8')) : undefined;

  it('pre-tokenized DatasetMIDI yields MidiTok items (one per track, truncated with BOS/EOS)', async () => {
    const files = fx!.files.map((f) => join(FIXTURES!, 'midi', f));
    const ds = await DatasetMIDI.create(files, tok!, { maxSeqLen: 64, bosTokenId: 1, eosTokenId: 2, preTokenize: true });
    expect(ds.length).toBe(fx!.len);
    for (const item of fx!.items) {
      const got = await ds.get(item.index);
      expect(Array.from(got.input_ids as Int32Array)).toEqual(item.input_ids);
    }
  });

  it('on-the-fly DatasetMIDI tokenizes the first track of each file', async () => {
    const files = fx!.files.slice(0, 3).map((f) => join(FIXTURES!, 'midi', f));
    const ds = await DatasetMIDI.create(files, tok!, { maxSeqLen: 64, bosTokenId: 1, eosTokenId: 2 });
    expect(ds.length).toBe(3);
    for (let i = 0; i < 3; i++) {
      const first = fx!.items.find((it) => it.file === fx!.files[i] && it.stream === 0)!;
      expect(Array.from((await ds.get(i)).input_ids as Int32Array)).toEqual(first.input_ids);
    }
    await expect(ds.get(3)).rejects.toThrow(/out of range/);
  });

  it('DatasetJSON reads "ids" and truncates once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'miditok-json-'));
    const file = join(dir, 'a.json');
    writeFileSync(file, JSON.stringify({ ids: Array.from({ length: 100 }, (_, i) => i + 4) }));
    const ds = new DatasetJSON([file], { maxSeqLen: 10, bosTokenId: 1, eosTokenId: 2 });
    expect(Array.from((await ds.get(0)).input_ids as Int32Array)).toEqual([1, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('DataCollator matches every fixture variant', () => {
    const c = JSON.parse(readFileSync(join(FIXTURES!, 'data', 'data_collator.json'), 'utf8')) as CollatorFixture;
    const samples = c.inputs.map((s) => ({ input_ids: Int32Array.from(s.input_ids) }));
    for (const [name, v] of Object.entries(c.variants)) {
      const k = v.kwargs as { pad_token_id: number; copy_inputs_as_labels?: boolean; shift_labels?: boolean; pad_on_left?: boolean };
      const collator = new DataCollator({
        padTokenId: k.pad_token_id,
        copyInputsAsLabels: k.copy_inputs_as_labels ?? false,
        shiftLabels: k.shift_labels ?? false,
        padOnLeft: k.pad_on_left ?? false,
      });
      const batch = collator.collate(samples);
      for (const [key, exp] of Object.entries(v.output)) {
        const got = batch[key]!;
        expect(got.shape, `${name}.${key}`).toEqual(exp.shape);
        expect(Array.from(got.data as Int32Array), `${name}.${key}`).toEqual(exp.values.flat());
      }
    }
    expect(new DataCollator({ padTokenId: 0 }).collate([{ input_ids: null }, { input_ids: [] }])).toEqual({});
  });
});
