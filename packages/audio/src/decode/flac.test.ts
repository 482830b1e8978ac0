import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireFixtures } from '@mirkit/core/testing';
import { describe, expect, it } from 'vitest';
import { AudioDecodeError } from '../errors.js';
import { downmix } from '../signal/mix.js';
import { decode } from './decode.js';
import { decodeFlac } from './flac.js';

const sousa = requireFixtures('sousa');
const beatnet = requireFixtures('beatnet');

interface SousaItem {
  audio_path: string;
  waveform_stats: { length: number; sha256_f32le: string };
}

describe.skipIf(!sousa)('decodeFlac on SOUSA (24-bit stereo)', () => {
  it('decodes int24 / 2^23 and downmixes bit-exactly (config_b items, sha256 of the float32 bytes)', async () => {
    const manifest = JSON.parse(readFileSync(join(sousa!, 'expected/config_b/manifest.json'), 'utf8')) as { items: SousaItem[] };
    for (const item of manifest.items.slice(0, 6)) {
      const audio = await decode(join(sousa!, 'dataset', item.audio_path));
      expect(audio.format).toBe('flac');
      expect(audio.bitDepth).toBe(24);
      expect(audio.sampleRate).toBe(44100);
      expect(audio.channels).toHaveLength(2);
      const mono = downmix(audio.channels);
      expect(mono.length).toBe(item.waveform_stats.length);
      expect(createHash('sha256').update(new Uint8Array(mono.buffer, mono.byteOffset, mono.byteLength)).digest('hex')).toBe(
        item.waveform_stats.sha256_f32le,
      );
    }
  });
});

describe.skipIf(!beatnet)('decodeFlac on the BeatNet 16-bit master', () => {
  const path = beatnet ? join(beatnet, 'audio/synth_c_44k_stereo.flac') : '';

  it('decodes 2·286650 samples of 16-bit PCM scaled by 1/32768, with offset/duration', async () => {
    const audio = await decode(path);
    expect(audio.channels[0]).toHaveLength(573300);
    expect(audio.bitDepth).toBe(16);
    for (let i = 0; i < 5000; i++) expect(Number.isInteger(audio.channels[1]![i]! * 32768)).toBe(true);
    const part = await decode(path, { offset: 1, duration: 0.5 });
    expect(part.channels[0]).toEqual(audio.channels[0]!.subarray(44100, 66150));
  });

  it('reports truncated and corrupt files by name instead of hanging', async () => {
    const bytes = readFileSync(path);
    const cases: [string, Uint8Array, RegExp][] = [
      ['half.flac', bytes.subarray(0, bytes.length >> 1), /CRC-16|truncated/],
      ['minus-one-byte.flac', bytes.subarray(0, bytes.length - 1), /CRC-16/],
      ['header-only.flac', bytes.subarray(0, 30), /truncated: metadata block/],
      ['no-frames.flac', bytes.subarray(0, 42 + 0), /truncated/],
    ];
    const corrupt = Uint8Array.from(bytes);
    for (let i = 5000; i < 5400; i++) corrupt[i] = corrupt[i]! ^ 0x5a;
    cases.push(['corrupt.flac', corrupt, /frame 3 at byte \d+ fails its CRC-16 check/]);
    for (const [name, data, pattern] of cases) {
      const error = await decodeFlac(data, name).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, name).toBeInstanceOf(AudioDecodeError);
      expect((error as Error).message, name).toMatch(new RegExp(`^${name.replace('.', '\\.')}: FLAC`));
      expect((error as Error).message, name).toMatch(pattern);
    }
  });
});
