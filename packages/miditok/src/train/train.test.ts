import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../test-utils/fixture-data.js';
import { tokenizerFromParams } from '../tokenizers/create-tokenizer.js';
import { trainBpe } from './bpe-trainer.js';
import { trainTokenizer } from './train-tokenizer.js';

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
