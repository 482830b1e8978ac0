import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, fixtureFiles, fixtureScore, readGzJson } from '../test-utils/fixture-data.js';
import { tokenizerFromParams } from '../tokenizers/create-tokenizer.js';
import type { TokSequence } from '../tokenizers/tok-sequence.js';
import { expectSame } from '../test-utils/expect-same.js';

interface BpeFile {
  streams: { ids: number[]; num_base_tokens: number; word_lengths: number[]; decoded_tokens?: string[] }[];
}

describe.skipIf(!FIXTURES)('MidiTok-trained BPE / Unigram models (fixtures bpe/)', () => {
  for (const model of FIXTURES ? readdirSync(join(FIXTURES, 'bpe')).filter((d) => d.startsWith('remi_default_')) : []) {
    it(`${model}: loads, encodes every stream like MidiTok and decodes back to the base tokens`, async () => {
      const text = readFileSync(join(FIXTURES!, 'bpe', model, 'tokenizer.json'), 'utf8');
      const tok = tokenizerFromParams(text);
      expect(tok.isTrained).toBe(true);
      expect(tok.paramsJson()).toBe(text);
      let streams = 0;
      for (const file of fixtureFiles()) {
        const path = join(FIXTURES!, 'bpe', model, `${file.rel}.json.gz`);
        let exp: BpeFile;
        try {
          exp = readGzJson<BpeFile>(path);
        } catch {
          continue;
        }
        const out = tok.encode(fixtureScore(file)) as TokSequence[];
        exp.streams.forEach((s, i) => {
          const seq = out[i]!;
          expectSame(tok.splitWords(seq).map((w) => w.length), s.word_lengths);
          expect(seq.ids.length).toBe(s.num_base_tokens);
        });
        await tok.encodeTokenIds(out);
        exp.streams.forEach((s, i) => {
          expectSame(out[i]!.ids, s.ids);
          if (s.decoded_tokens) expectSame(tok.idsToTokens(tok.decodeTokenIds(s.ids)), s.decoded_tokens);
          streams++;
        });
      }
      expect(streams).toBe(124);
    }, 30_000);
  }
});
