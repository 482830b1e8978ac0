import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectSame } from './expect-same.js';
import { parseMiditokConfigJson } from '../config/tokenizer-config.js';
import {
  FIXTURES,
  fixtureFiles,
  fixtureScore,
  normaliseScoreJson,
  readGzJson,
  scoreToJson,
  type ScoreJson,
} from './fixture-data.js';
import { createTokenizer, tokenizerFromParams } from '../tokenizers/create-tokenizer.js';
import type { TokSequence } from '../tokenizers/tok-sequence.js';

interface ExpectedFile {
  ids?: number[];
  tokens?: string[];
  streams?: { ids: number[]; tokens?: string[] }[];
  stream_programs?: [number, boolean][];
  tokens_omitted?: boolean;
  preprocessed?: ScoreJson;
  decoded?: ScoreJson;
  decoded_same_as?: string;
  error?: { stage: string };
  warnings?: string[];
}

/** Registers the fixture tests of some `expected/<config>` directories (token ids, tokens, params, decoding). */
export function describeExpectedConfigs(configs: readonly string[]): void {
  describe.skipIf(!FIXTURES)('tokenizers against MidiTok 3.0.6 (fixtures expected/)', () => {
    for (const name of configs) {
      describe(name, () => {
        const dir = join(FIXTURES ?? '', 'expected', name);
        const cfgText = FIXTURES ? readFileSync(join(dir, 'config.json'), 'utf8') : '{}';
        const cfg = JSON.parse(cfgText) as {
          tokenization: string;
          vocab: Record<string, number>;
          len: number | number[];
          one_token_stream: boolean;
          time_division: number;
        };
        const tok = FIXTURES ? createTokenizer(cfg.tokenization, parseMiditokConfigJson(cfgText)) : undefined;

        it('builds the vocabulary with MidiTok ids', () => {
          expect(Array.isArray(tok!.vocab) ? tok!.vocab.map((v) => Object.fromEntries(v)) : Object.fromEntries(tok!.vocab)).toEqual(cfg.vocab);
          const size = tok!.vocabSize;
        expect(Array.isArray(size) ? size.reduce((a, b) => a + b, 0) : size).toBe(cfg.len);
          expect(tok!.oneTokenStream).toBe(cfg.one_token_stream);
          expect(tok!.timeDivision).toBe(cfg.time_division);
        });

        it('loads tokenizer.json and saves params MidiTok writes byte for byte', () => {
          const text = readFileSync(join(dir, 'tokenizer.json'), 'utf8');
          const loaded = tokenizerFromParams(text);
          expect(Array.isArray(loaded.vocab) ? loaded.vocab.map((v) => Object.fromEntries(v)) : Object.fromEntries(loaded.vocab)).toEqual(cfg.vocab);
          expect(loaded.paramsJson()).toBe(text);
        });

        for (const file of fixtureFiles()) {
          it(`${file.rel}: tokens, ids and decoded score`, () => {
            const exp = readGzJson<ExpectedFile>(join(dir, `${file.rel}.json.gz`));
            const score = fixtureScore(file);
            if (exp.error?.stage === 'encode') {
              expect(() => tok!.encode(score)).toThrow();
              return;
            }
            const { tokens: out, preprocessed } = tok!.encodeWithScore(score);
            const seqs = (Array.isArray(out) ? out : [out]) as TokSequence<unknown, unknown>[];
            const expStreams = exp.streams ?? [
              { ids: exp.ids!, ...(exp.tokens ? { tokens: exp.tokens } : {}) },
            ];
            expect(seqs.length).toBe(expStreams.length);
            seqs.forEach((s, i) => {
              expectSame(s.ids, expStreams[i]!.ids);
              expectSame(s.tokens, expStreams[i]!.tokens ?? (tok!.isMultiVoc ? tok!.compoundIdsToTokens(expStreams[i]!.ids as unknown as number[][]) : tok!.idsToTokens(expStreams[i]!.ids)));
            });
            const warnings = (tok as unknown as { warnings?: string[] }).warnings;
          if (warnings) expect(warnings).toEqual(exp.warnings ?? []);
          if (exp.stream_programs)
              expect(preprocessed.tracks.map((t) => [t.program, t.isDrum])).toEqual(exp.stream_programs);
            if (exp.preprocessed) expectSame(scoreToJson(preprocessed), normaliseScoreJson(exp.preprocessed));
            let decodedExp = exp.decoded;
            if (exp.decoded_same_as)
              decodedExp = readGzJson<ExpectedFile>(
                join(FIXTURES!, 'expected', exp.decoded_same_as, `${file.rel}.json.gz`),
              ).decoded;
            const decode = () =>
              exp.streams
                ? tok!.decode(
                    exp.streams.map((s) => s.ids),
                    exp.stream_programs,
                  )
                : tok!.decode(exp.ids!);
            if (exp.error?.stage === 'decode') expect(decode).toThrow();
            else expectSame(scoreToJson(decode()), normaliseScoreJson(decodedExp!));
          });
        }
      });
    }
  });
}
