import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireFixtures } from '@mirkit/core/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AudioDecodeError } from '../errors.js';
import { resample } from '../resample/resample.js';
import { downmix } from '../signal/mix.js';
import { maxAbsDiff } from '../test-utils/signals.js';
import { decode } from './decode.js';
import { decodeMp3 } from './mp3.js';

const beatnet = requireFixtures('beatnet');

describe.skipIf(!beatnet)('decodeMp3 (BeatNet 808kick120bpm.mp3)', () => {
  const path = beatnet ? join(beatnet, 'audio/808kick120bpm.mp3') : '';
  // mpg123-decoder logs decoder errors on the console; keep the test output clean
  beforeAll(() => vi.spyOn(console, 'error').mockImplementation(() => undefined));
  afterAll(() => vi.restoreAllMocks());

  it('decodes 10 s of stereo 44.1 kHz audio (gapless, 441000 samples)', async () => {
    const audio = await decode(path);
    expect(audio.format).toBe('mp3');
    expect(audio.sampleRate).toBe(44100);
    expect(audio.channels).toHaveLength(2);
    expect(audio.channels[0]).toHaveLength(441000);
    let peak = 0;
    for (const x of audio.channels[0]!) peak = Math.max(peak, Math.abs(x));
    expect(peak).toBeGreaterThan(0.1);
    expect(peak).toBeLessThanOrEqual(1.01);
    const part = await decode(path, { offset: 2, duration: 1 });
    expect(part.channels[0]).toHaveLength(44100);
  });

  it('decode + downmix + soxr_hq-like 2:1 reproduces librosa.load(mp3, sr=22050) (max |Δ| 1.7e-6)', async () => {
    const mono = downmix((await decode(path)).channels);
    const ours = resample(mono, 44100, 22050, { method: 'soxr_hq' });
    const ref = (await decode(join(beatnet!, 'audio/808kick120bpm_22050.wav'))).channels[0]!;
    expect(ours).toHaveLength(220500);
    expect(maxAbsDiff(ours, ref)).toBeLessThan(5e-6);
  });

  it('reports truncated, corrupt and non-MP3 input by name', async () => {
    const bytes = readFileSync(path);
    const corrupt = Uint8Array.from(bytes);
    for (let i = 5000; i < 9000; i++) corrupt[i] = corrupt[i]! ^ 0x5a;
    const cases: [string, Uint8Array, RegExp][] = [
      ['half.mp3', bytes.subarray(0, bytes.length >> 1), /MP3 is truncated: frame \d+ at byte \d+ needs \d+ bytes/],
      ['minus37.mp3', bytes.subarray(0, bytes.length - 37), /MP3 is truncated/],
      ['corrupt.mp3', corrupt, /MP3 is corrupt/],
      ['junk.mp3', Uint8Array.from([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, 2, 0, 0, ...new Array<number>(500).fill(7)]), /no MPEG audio frame/],
    ];
    for (const [name, data, pattern] of cases) {
      const error = await decodeMp3(data, name).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, name).toBeInstanceOf(AudioDecodeError);
      expect((error as Error).message, name).toMatch(new RegExp(`^${name.replace('.', '\\.')}: `));
      expect((error as Error).message, name).toMatch(pattern);
    }
  });
});
