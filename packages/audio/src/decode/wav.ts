import { AudioDecodeError } from '../errors.js';
import { sampleRange } from './range.js';
import type { DecodedAudio, DecodeOptions } from './types.js';

const FORMAT_PCM = 1;
const FORMAT_FLOAT = 3;
const FORMAT_EXTENSIBLE = 0xfffe;

interface WavFormat {
  tag: number;
  channels: number;
  sampleRate: number;
  blockAlign: number;
  bitsPerSample: number;
}

function ascii(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
}

/** True when the bytes start like a RIFF/WAVE file. */
export function isWav(bytes: Uint8Array): boolean {
  return bytes.length >= 12 && ascii(bytes, 0) === 'RIFF' && ascii(bytes, 8) === 'WAVE';
}

function parseFmt(view: DataView, at: number, size: number, source: string): WavFormat {
  if (size < 16) throw new AudioDecodeError(source, `WAV 'fmt ' chunk is ${size} bytes, expected at least 16`, { format: 'wav' });
  let tag = view.getUint16(at, true);
  const channels = view.getUint16(at + 2, true);
  const sampleRate = view.getUint32(at + 4, true);
  const blockAlign = view.getUint16(at + 12, true);
  let bitsPerSample = view.getUint16(at + 14, true);
  if (tag === FORMAT_EXTENSIBLE) {
    if (size < 40) throw new AudioDecodeError(source, `WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk is ${size} bytes, expected 40`, { format: 'wav' });
    const validBits = view.getUint16(at + 18, true);
    // The sub-format GUID starts with the format tag (KSDATAFORMAT_SUBTYPE_PCM / _IEEE_FLOAT).
    tag = view.getUint16(at + 24, true);
    if (validBits !== 0 && validBits > bitsPerSample) {
      throw new AudioDecodeError(source, `WAV valid bits ${validBits} exceed the container's ${bitsPerSample}`, { format: 'wav' });
    }
  }
  if (channels === 0) throw new AudioDecodeError(source, 'WAV declares 0 channels', { format: 'wav' });
  if (sampleRate === 0) throw new AudioDecodeError(source, 'WAV declares a sample rate of 0', { format: 'wav' });
  const supported =
    (tag === FORMAT_PCM && [8, 16, 24, 32].includes(bitsPerSample)) ||
    (tag === FORMAT_FLOAT && (bitsPerSample === 32 || bitsPerSample === 64));
  if (!supported) {
    throw new AudioDecodeError(source, `unsupported WAV encoding (format tag ${tag}, ${bitsPerSample} bits per sample)`, {
      format: 'wav',
    });
  }
  if (blockAlign !== channels * (bitsPerSample / 8)) {
    throw new AudioDecodeError(
      source,
      `WAV block align ${blockAlign} does not match ${channels} channels × ${bitsPerSample} bits`,
      { format: 'wav' },
    );
  }
  bitsPerSample = Math.trunc(bitsPerSample);
  return { tag, channels, sampleRate, blockAlign, bitsPerSample };
}

/**
 * Decodes a RIFF/WAVE file: integer PCM 8/16/24/32 (scaled to [-1, 1) as `x / 2^(bits-1)`, 8-bit unsigned),
 * IEEE float 32/64 (as stored) and WAVE_FORMAT_EXTENSIBLE. Only the selected range is converted.
 */
export function decodeWav(bytes: Uint8Array, source = '<bytes>', options: DecodeOptions = {}): DecodedAudio {
  if (!isWav(bytes)) throw new AudioDecodeError(source, 'not a RIFF/WAVE file', { format: 'wav' });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let fmt: WavFormat | undefined;
  let pos = 12;
  while (pos + 8 <= bytes.length) {
    const id = ascii(bytes, pos);
    const size = view.getUint32(pos + 4, true);
    const body = pos + 8;
    if (id === 'fmt ') {
      if (body + size > bytes.length) throw new AudioDecodeError(source, `WAV 'fmt ' chunk is truncated`, { format: 'wav' });
      fmt = parseFmt(view, body, size, source);
    } else if (id === 'data') {
      if (fmt === undefined) throw new AudioDecodeError(source, `WAV 'data' chunk comes before the 'fmt ' chunk`, { format: 'wav' });
      const available = bytes.length - body;
      if (size > available) {
        throw new AudioDecodeError(
          source,
          `WAV is truncated: the 'data' chunk declares ${size} bytes but only ${available} remain`,
          { format: 'wav', details: { declared: size, available } },
        );
      }
      if (size % fmt.blockAlign !== 0) {
        throw new AudioDecodeError(
          source,
          `WAV 'data' chunk size ${size} is not a multiple of the frame size ${fmt.blockAlign} (truncated frame)`,
          { format: 'wav' },
        );
      }
      return readSamples(bytes, body, size / fmt.blockAlign, fmt, options);
    }
    pos = body + size + (size & 1);
  }
  throw new AudioDecodeError(
    source,
    fmt === undefined ? `WAV has no 'fmt ' chunk (truncated header?)` : `WAV has no 'data' chunk (truncated?)`,
    { format: 'wav' },
  );
}

function readSamples(bytes: Uint8Array, dataAt: number, frames: number, fmt: WavFormat, options: DecodeOptions): DecodedAudio {
  const [start, end] = sampleRange(frames, fmt.sampleRate, options);
  const n = end - start;
  const { channels: nch, blockAlign, bitsPerSample: bits, tag } = fmt;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Float32Array[] = [];
  for (let c = 0; c < nch; c++) out.push(new Float32Array(n));
  const bps = bits / 8;
  for (let c = 0; c < nch; c++) {
    const ch = out[c]!;
    let p = dataAt + start * blockAlign + c * bps;
    if (tag === FORMAT_FLOAT) {
      if (bits === 32) for (let i = 0; i < n; i++, p += blockAlign) ch[i] = view.getFloat32(p, true);
      else for (let i = 0; i < n; i++, p += blockAlign) ch[i] = view.getFloat64(p, true);
    } else if (bits === 16) {
      for (let i = 0; i < n; i++, p += blockAlign) ch[i] = view.getInt16(p, true) / 32768;
    } else if (bits === 24) {
      for (let i = 0; i < n; i++, p += blockAlign) {
        const v = bytes[p]! | (bytes[p + 1]! << 8) | (bytes[p + 2]! << 16);
        ch[i] = ((v << 8) >> 8) / 8388608;
      }
    } else if (bits === 32) {
      for (let i = 0; i < n; i++, p += blockAlign) ch[i] = view.getInt32(p, true) / 2147483648;
    } else {
      for (let i = 0; i < n; i++, p += blockAlign) ch[i] = (bytes[p]! - 128) / 128;
    }
  }
  return { channels: out, sampleRate: fmt.sampleRate, format: 'wav', bitDepth: bits };
}
