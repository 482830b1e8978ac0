import { isMirError } from '@mirkit/core';
import { describe, expect, it } from 'vitest';
import { encodeWav } from '../encode/wav.js';
import { AudioDecodeError } from '../errors.js';
import { decode } from './decode.js';
import { decodeWav } from './wav.js';

function ramp(n: number, scale: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.fround(scale * Math.sin(i * 0.37));
  return out;
}

describe('decodeWav / encodeWav', () => {
  const left = ramp(1000, 0.9);
  const right = ramp(1000, -0.4);

  it.each([8, 16, 24, 32] as const)('round-trips %i-bit PCM within one quantisation step, exact on the grid', (bits) => {
    const bytes = encodeWav([left, right], 44100, { bitDepth: bits });
    const d = decodeWav(bytes, 'pcm.wav');
    expect(d.sampleRate).toBe(44100);
    expect(d.bitDepth).toBe(bits);
    expect(d.channels).toHaveLength(2);
    const step = 2 ** -(bits - 1);
    for (let i = 0; i < left.length; i++) {
      expect(Math.abs(d.channels[0]![i]! - left[i]!)).toBeLessThanOrEqual(step / 2 + 1e-12);
      // decoded values are integers / 2^(bits-1)
      expect(Number.isInteger(d.channels[1]![i]! / step)).toBe(true);
    }
    // re-encoding the decoded samples reproduces the same bytes
    expect(encodeWav(d.channels, 44100, { bitDepth: bits })).toEqual(bytes);
  });

  it('decodes int16 as x / 32768 and int24 as x / 2^23', () => {
    const bytes = encodeWav([new Float32Array([-1, 0.5, 32767 / 32768])], 8000, { bitDepth: 16 });
    expect(Array.from(decodeWav(bytes).channels[0]!)).toEqual([-1, 0.5, 32767 / 32768]);
    const b24 = encodeWav([new Float32Array([-1, 2 ** -23])], 8000, { bitDepth: 24 });
    expect(Array.from(decodeWav(b24).channels[0]!)).toEqual([-1, 2 ** -23]);
  });

  it.each([32, 64] as const)('round-trips %i-bit float exactly', (bits) => {
    const d = decodeWav(encodeWav([left], 22050, { float: true, bitDepth: bits }));
    expect(d.channels[0]).toEqual(left);
  });

  it('reads WAVE_FORMAT_EXTENSIBLE (PCM 24 and float 32 sub-formats)', () => {
    const pcm = encodeWav([left, right], 48000, { bitDepth: 24, extensible: true });
    expect(new DataView(pcm.buffer).getUint16(20, true)).toBe(0xfffe);
    expect(decodeWav(pcm).channels[1]).toEqual(decodeWav(encodeWav([left, right], 48000, { bitDepth: 24 })).channels[1]);
    const flt = encodeWav([left], 48000, { float: true, bitDepth: 32, extensible: true });
    expect(decodeWav(flt).channels[0]).toEqual(left);
  });

  it('skips unknown chunks (odd sizes are padded) and honours offset/duration', async () => {
    const base = encodeWav([left], 1000, { bitDepth: 16 });
    // insert a 3-byte 'LIST' chunk (+1 pad byte) between 'fmt ' and 'data'
    const extra = new Uint8Array([0x4c, 0x49, 0x53, 0x54, 3, 0, 0, 0, 1, 2, 3, 0]);
    const bytes = new Uint8Array(base.length + extra.length);
    bytes.set(base.subarray(0, 36));
    bytes.set(extra, 36);
    bytes.set(base.subarray(36), 36 + extra.length);
    const full = decodeWav(bytes).channels[0]!;
    const part = await decode(bytes, { offset: 0.1, duration: 0.25 });
    expect(part.format).toBe('wav');
    expect(part.channels[0]).toEqual(full.subarray(100, 350));
    expect((await decode(bytes, { offset: 5 })).channels[0]).toHaveLength(0);
  });

  describe('errors', () => {
    const good = encodeWav([left, right], 44100, { bitDepth: 16 });
    const expectDecodeError = (bytes: Uint8Array, pattern: RegExp) => {
      let caught: unknown;
      try {
        decodeWav(bytes, 'broken.wav');
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(AudioDecodeError);
      expect(isMirError(caught) && caught.code).toBe('ERR_AUDIO_DECODE');
      expect((caught as Error).message).toMatch(/^broken\.wav: /);
      expect((caught as Error).message).toMatch(pattern);
    };

    it('reports a truncated data chunk with the declared and available sizes', () => {
      expectDecodeError(good.subarray(0, good.length - 10), /truncated.*declares 4000 bytes but only 3990 remain/);
    });
    it('reports a truncated header', () => {
      expectDecodeError(good.subarray(0, 30), /truncated/);
      expectDecodeError(good.subarray(0, 40), /no 'data' chunk/);
    });
    it('reports a data chunk that is not a whole number of frames', () => {
      const b = Uint8Array.from(good);
      new DataView(b.buffer).setUint32(40, 3999, true);
      expectDecodeError(b, /not a multiple of the frame size 4/);
    });
    it('reports unsupported or inconsistent formats', () => {
      const adpcm = Uint8Array.from(good);
      new DataView(adpcm.buffer).setUint16(20, 2, true);
      expectDecodeError(adpcm, /unsupported WAV encoding \(format tag 2/);
      const align = Uint8Array.from(good);
      new DataView(align.buffer).setUint16(32, 3, true);
      expectDecodeError(align, /block align 3/);
      const zero = Uint8Array.from(good);
      new DataView(zero.buffer).setUint16(22, 0, true);
      expectDecodeError(zero, /0 channels/);
    });
    it('rejects non-WAV bytes and empty input through decode()', async () => {
      await expect(decode(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]))).rejects.toThrow(/unrecognised audio format/);
      await expect(decode(new Uint8Array(0))).rejects.toThrow(/empty/);
      await expect(decode('/nonexistent/x.wav')).rejects.toMatchObject({ code: 'ERR_MISSING_FILE' });
    });
  });
});
