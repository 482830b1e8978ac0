import { readFileSync } from 'node:fs';
import { createRng } from '@mirkit/core';
import { describe, expect, it } from 'vitest';
import { MidiParseError } from '../errors.js';
import { FIXTURES, fixtureFiles } from '../test-utils/fixture-data.js';
import { parseMidi } from './parse-midi.js';
import { parseMidiReference } from './parse-midi-reference.js';
import type { Score } from './score.js';

describe.skipIf(!FIXTURES)('parseMidi fuzzing', () => {
  it('never hangs, throws nothing but MidiParseError on 4000 mutated fixture files, and agrees with midi-file', () => {
    const sources = fixtureFiles()
      .map((f) => readFileSync(f.path))
      .filter((b) => b.length < 40_000);
    expect(sources.length).toBeGreaterThan(5);
    const rng = createRng(20_260_721);
    const start = performance.now();
    let rejected = 0;
    let parsed = 0;
    let stricter = 0;
    const reference = (bytes: Uint8Array, i: number): Score | MidiParseError => {
      try {
        return parseMidiReference(bytes, { file: `mutant-${i}.mid` });
      } catch (error) {
        if (error instanceof MidiParseError) return error;
        throw error;
      }
    };
    for (let i = 0; i < 4000; i++) {
      const src = sources[rng.int(sources.length)]!;
      let bytes = Uint8Array.from(src);
      const kind = rng.int(4);
      if (kind === 0) {
        const n = 1 + rng.int(8);
        for (let k = 0; k < n; k++) bytes[rng.int(bytes.length)] = rng.int(256);
      } else if (kind === 1) {
        bytes = bytes.subarray(0, rng.int(bytes.length));
      } else if (kind === 2) {
        const at = rng.int(bytes.length);
        const ins = Array.from({ length: 1 + rng.int(16) }, () => rng.int(256));
        bytes = Uint8Array.from([...bytes.subarray(0, at), ...ins, ...bytes.subarray(at)]);
      } else {
        // corrupt a chunk length or a header field
        const at = [4, 5, 6, 7, 10, 11, 12, 13, 18, 19, 20, 21][rng.int(12)]!;
        if (at < bytes.length) bytes[at] = rng.int(256);
      }
      let score: Score | undefined;
      let reason = '';
      try {
        score = parseMidi(bytes, { file: `mutant-${i}.mid` });
        parsed++;
      } catch (error) {
        if (!(error instanceof MidiParseError)) throw new Error(`mutant ${i} (kind ${kind}) threw ${String(error)}`);
        expect(error.message).toContain(`mutant-${i}.mid`);
        expect(error.offset).toBeLessThanOrEqual(bytes.length);
        reason = error.message;
        rejected++;
      }
      // Differential check against the midi-file event layer: whatever we accept, it accepts with the same score;
      // we reject more only where midi-file read past the end of the track chunk (see readTrack).
      const ref = reference(bytes, i);
      if (score !== undefined) {
        expect(ref, `mutant ${i} (kind ${kind})`).toEqual(score);
      } else if (!(ref instanceof MidiParseError)) {
        expect(reason).toMatch(/truncated|runs past the end|without a status byte/);
        stricter++;
      }
    }
    expect(parsed + rejected).toBe(4000);
    expect(parsed).toBeGreaterThan(400);
    expect(stricter).toBeLessThan(200);
    expect(rejected).toBeGreaterThan(100);
    expect(performance.now() - start).toBeLessThan(20_000);
  });
});
