import { ConfigError } from '@mirkit/core';

export interface EncodeWavOptions {
  /** 8, 16, 24 or 32 for integer PCM; 32 or 64 with `float: true` (default 16). */
  bitDepth?: 8 | 16 | 24 | 32 | 64;
  /** IEEE float samples (format tag 3). */
  float?: boolean;
  /** Write WAVE_FORMAT_EXTENSIBLE (format tag 0xFFFE with a sub-format GUID). */
  extensible?: boolean;
}

// KSDATAFORMAT_SUBTYPE_* after the 16-bit format tag: {tag}0000-0000-0010-8000-00aa00389b71 (little-endian fields)
const GUID_TAIL = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];

/**
 * Encodes channels as a RIFF/WAVE file. Integer PCM is `round(x · 2^(bits-1))` clipped to the integer range, the
 * inverse of {@link decodeWav}'s scaling.
 */
export function encodeWav(channels: readonly Float32Array[], sampleRate: number, options: EncodeWavOptions = {}): Uint8Array {
  const { bitDepth = options.float ? 32 : 16, float = false, extensible = false } = options;
  const nch = channels.length;
  if (nch === 0) throw new ConfigError('ERR_INVALID_OPTION', 'encodeWav needs at least one channel');
  const n = channels[0]!.length;
  if (channels.some((c) => c.length !== n)) throw new ConfigError('ERR_SHAPE_MISMATCH', 'encodeWav: channels have different lengths');
  if (!Number.isInteger(sampleRate) || sampleRate <= 0) {
    throw new ConfigError('ERR_INVALID_OPTION', `sampleRate should be a positive integer, but got ${sampleRate}`);
  }
  const okInt = !float && [8, 16, 24, 32].includes(bitDepth);
  const okFloat = float && (bitDepth === 32 || bitDepth === 64);
  if (!okInt && !okFloat) throw new ConfigError('ERR_INVALID_OPTION', `unsupported WAV encoding: ${bitDepth}-bit ${float ? 'float' : 'PCM'}`);
  const bps = bitDepth / 8;
  const blockAlign = nch * bps;
  const dataSize = n * blockAlign;
  const fmtSize = extensible ? 40 : 16;
  const total = 12 + 8 + fmtSize + 8 + dataSize + (dataSize & 1);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  const put = (at: number, s: string) => {
    for (let i = 0; i < 4; i++) out[at + i] = s.charCodeAt(i);
  };
  put(0, 'RIFF');
  view.setUint32(4, total - 8, true);
  put(8, 'WAVE');
  put(12, 'fmt ');
  view.setUint32(16, fmtSize, true);
  const tag = float ? 3 : 1;
  view.setUint16(20, extensible ? 0xfffe : tag, true);
  view.setUint16(22, nch, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * blockAlign, true);
  view.setUint16(32, blockAlign, true);
  view.setUint16(34, bitDepth, true);
  let p = 36;
  if (extensible) {
    view.setUint16(36, 22, true);
    view.setUint16(38, bitDepth, true);
    view.setUint32(40, nch <= 32 ? 2 ** nch - 1 : 0, true);
    view.setUint16(44, tag, true);
    out.set(GUID_TAIL, 46);
    p = 60;
  }
  put(p, 'data');
  view.setUint32(p + 4, dataSize, true);
  p += 8;
  const full = 2 ** (bitDepth - 1);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < nch; c++, p += bps) {
      const x = channels[c]![i]!;
      if (float) {
        if (bitDepth === 32) view.setFloat32(p, x, true);
        else view.setFloat64(p, x, true);
        continue;
      }
      const v = Math.max(-full, Math.min(full - 1, Math.round(x * full)));
      if (bitDepth === 8) out[p] = v + 128;
      else if (bitDepth === 16) view.setInt16(p, v, true);
      else if (bitDepth === 24) {
        out[p] = v & 0xff;
        out[p + 1] = (v >> 8) & 0xff;
        out[p + 2] = (v >> 16) & 0xff;
      } else view.setInt32(p, v, true);
    }
  }
  return out;
}
