import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../test-utils/fixture-data.js';
import { tokenizerFromParams } from '../tokenizers/create-tokenizer.js';
import { trainBpe } from './bpe-trainer.js';
import { trainTokenizer } from './train-tokenizer.js';
import { parseMidi } from '../score/parse-midi.js';
import { createTokenizer } from '../tokenizers/create-tokenizer.js';
import type { TokSequence } from '../tokenizers/tok-sequence.js';

describe('trainBpe', () => {
  it('learns the most frequent pairs first, ties to the smallest pair', () => {
    const m = trainBpe(new Map([['abab', 3], ['ab', 1], ['ba', 1]]), { vocabSize: 5, specialTokens: ['!'] });
    expect(m.idToToken).toEqual(['!', 'a', 'b', 'ab', 'abab']);
    expect(m.merges).toEqual([['a', 'b'], ['ab', 'ab']]);
  });
});

describe.skipIf(!FIXTURES)('BPE training against MidiTok + HF tokenizers (fixtures bpe/)', () => {
  it('reproduces remi_default_bpe500: same vocabulary, merges and _model JSON', async () => {
    const dir = join(FIXTURES!, 'bpe', 'remi_default_bpe500');
    const training = JSON.parse(readFileSync(join(dir, 'training.json'), 'utf8')) as { training_files: string[]; vocab_size: number };
    const expected = JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8')) as { _model: string };
    const tok = tokenizerFromParams(readFileSync(join(FIXTURES!, 'expected', 'remi_default', 'tokenizer.json'), 'utf8'));
    await trainTokenizer(tok, { vocabSize: training.vocab_size, files: training.training_files.map((f) => join(FIXTURES!, 'midi', f)) });
    expect(tok.model!.modelJson).toBe(expected._model);
    expect(tok.paramsJson()).toBe(readFileSync(join(dir, 'tokenizer.json'), 'utf8'));
  }, 30_000);
});

describe.skipIf(!FIXTURES)('trained tokenizers round trip', () => {
  const files = ['one_track/POP909_022.mid', 'multitrack/Les Yeux Revolvers.mid', 'edge/chords_programs_no_meta_tpq480.mid'];
  for (const [name, cfg] of [
    ['MMM', { additionalParams: { base_tokenizer: 'REMI' } }],
    ['TSD', { usePrograms: true }],
    ['REMI', { encodeIdsSplit: 'beat' as const }],
    ['REMI', { encodeIdsSplit: 'no' as const }],
  ] as const) {
    it(`${name} ${JSON.stringify(cfg)}: encoded ids decode to the same score as the base ids`, async () => {
      const tok = createTokenizer(name, cfg);
      const paths = files.map((f) => join(FIXTURES!, 'midi', f));
      await trainTokenizer(tok, { vocabSize: (tok.vocabInv as string[]).length + 60, files: paths });
      const score = parseMidi(readFileSync(paths[1]!));
      const { tokens, preprocessed } = tok.encodeWithScore(score);
      const seqs = (Array.isArray(tokens) ? tokens : [tokens]) as TokSequence[];
      const base = seqs.map((s) => [...s.ids]);
      await tok.encodeTokenIds(tokens);
      seqs.forEach((s, i) => {
        expect(s.areIdsEncoded).toBe(true);
        expect(s.ids.length).toBeLessThan(base[i]!.length);
        expect(tok.decodeTokenIds(s.ids)).toEqual(base[i]);
      });
      const programs = preprocessed.tracks.map((t) => [t.program, t.isDrum] as [number, boolean]);
      const multi = Array.isArray(tokens);
      const fromEncoded = tok.decode(multi ? seqs.map((s) => s.ids) : seqs[0]!.ids, multi ? programs : undefined);
      const fromBase = tok.decode(multi ? base : base[0]!, multi ? programs : undefined);
      expect(fromEncoded).toEqual(fromBase);
    }, 30_000);
  }
});
