import { createRng, isMirError } from '@mirkit/core';
import { describe, expect, it } from 'vitest';
import { createTokenizer } from './create-tokenizer.js';

const CONFIGS: [string, Record<string, unknown>][] = [
  ['REMI', {}],
  ['REMI', { usePrograms: true, useTimeSignatures: true, useTempos: true, useChords: true, useRests: true, useSustainPedals: true, usePitchBends: true }],
  ['TSD', { usePrograms: true, useTempos: true, useTimeSignatures: true, useRests: true }],
  ['MIDILike', { usePrograms: true }],
  ['Structured', {}],
  ['CPWord', {}],
  ['Octuple', {}],
  ['MuMIDI', {}],
  ['MMM', { additionalParams: { base_tokenizer: 'REMI' } }],
  ['PerTok', { additionalParams: { ticks_per_quarter: 320, use_microtiming: true, max_microtiming_shift: 0.25, num_microtiming_bins: 30 } }],
];

describe('decoding arbitrary token ids', () => {
  for (const [name, cfg] of CONFIGS) {
    it(`${name} ${Object.keys(cfg).length ? '(options)' : ''} decodes 200 random sequences without crashing`, () => {
      const tok = createTokenizer(name, cfg);
      const rng = createRng(7);
      const size = tok.vocabSize;
      for (let k = 0; k < 200; k++) {
        const len = 1 + rng.int(60);
        const seq = Array.from({ length: len }, () => (Array.isArray(size) ? size.map((n) => rng.int(n)) : rng.int(size)));
        const input = tok.oneTokenStream ? seq : [seq];
        try {
          const score = tok.decode(input as never, tok.oneTokenStream ? undefined : [[0, false]]);
          for (const t of score.tracks) for (const n of t.notes) expect(Number.isFinite(n.time) && Number.isFinite(n.duration)).toBe(true);
        } catch (error) {
          if (!isMirError(error)) throw error;
        }
      }
    });
  }
});
