import { FLACDecoder } from '@wasm-audio-decoders/flac';
import { AudioDecodeError } from '../errors.js';
import { sampleRange, sliceChannels } from './range.js';
import type { DecodedAudio, DecodeOptions } from './types.js';

/** True when the bytes start with the FLAC stream marker (optionally after an ID3v2 tag). */
export function isFlac(bytes: Uint8Array): boolean {
  const at = id3v2Length(bytes);
  return bytes.length >= at + 4 && bytes[at] === 0x66 && bytes[at + 1] === 0x4c && bytes[at + 2] === 0x61 && bytes[at + 3] === 0x43;
}

/** Size of a leading ID3v2 tag (0 when there is none). */
export function id3v2Length(bytes: Uint8Array): number {
  if (bytes.length < 10 || bytes[0] !== 0x49 || bytes[1] !== 0x44 || bytes[2] !== 0x33) return 0;
  const size = ((bytes[6]! & 0x7f) << 21) | ((bytes[7]! & 0x7f) << 14) | ((bytes[8]! & 0x7f) << 7) | (bytes[9]! & 0x7f);
  const footer = (bytes[5]! & 0x10) !== 0 ? 10 : 0;
  return 10 + size + footer;
}

const CRC8 = new Uint8Array(256);
const CRC16 = new Uint16Array(256);
for (let i = 0; i < 256; i++) {
  let c8 = i;
  for (let b = 0; b < 8; b++) c8 = c8 & 0x80 ? ((c8 << 1) ^ 0x07) & 0xff : (c8 << 1) & 0xff;
  CRC8[i] = c8;
  let c16 = i << 8;
  for (let b = 0; b < 8; b++) c16 = c16 & 0x8000 ? ((c16 << 1) ^ 0x8005) & 0xffff : (c16 << 1) & 0xffff;
  CRC16[i] = c16;
}

// slicing-by-4 tables for CRC-16 (T[k][b] = CRC of byte b followed by k zero bytes)
const CRC16_T = [CRC16, new Uint16Array(256), new Uint16Array(256), new Uint16Array(256)] as const;
for (let k = 1; k < 4; k++) {
  const prev = CRC16_T[k - 1]!;
  const cur = CRC16_T[k]!;
  for (let b = 0; b < 256; b++) cur[b] = ((prev[b]! << 8) & 0xffff) ^ CRC16[prev[b]! >> 8]!;
}

/** Continues a CRC-16 (poly 0x8005, MSB first) over bytes[from, to). */
function crc16(crc: number, bytes: Uint8Array, from: number, to: number): number {
  const [t0, t1, t2, t3] = CRC16_T;
  let p = from;
  for (; p + 4 <= to; p += 4) {
    const a = (crc >> 8) ^ bytes[p]!;
    const b = (crc & 0xff) ^ bytes[p + 1]!;
    crc = t3[a]! ^ t2[b]! ^ t1[bytes[p + 2]!]! ^ t0[bytes[p + 3]!]!;
  }
  for (; p < to; p++) crc = ((crc << 8) & 0xffff) ^ CRC16[(crc >> 8) ^ bytes[p]!]!;
  return crc;
}

interface StreamInfo {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  totalSamples: number;
}

/** Parses a frame header at `p`; returns its block size, or 0 when the bytes there are not a valid header. */
function frameHeader(bytes: Uint8Array, p: number, blockingBit: number, info: StreamInfo): number {
  const n = bytes.length;
  if (p + 6 > n || bytes[p] !== 0xff || bytes[p + 1] !== (0xf8 | blockingBit)) return 0;
  const b2 = bytes[p + 2]!;
  const b3 = bytes[p + 3]!;
  const bsCode = b2 >> 4;
  const srCode = b2 & 15;
  const chCode = b3 >> 4;
  const ssCode = (b3 >> 1) & 7;
  if (bsCode === 0 || srCode === 15 || chCode > 10 || ssCode === 3 || (b3 & 1) !== 0) return 0;
  const channels = chCode < 8 ? chCode + 1 : 2;
  if (channels !== info.channels) return 0;
  let q = p + 4;
  // UTF-8-like coded frame/sample number
  const lead = bytes[q]!;
  let extra = 0;
  if (lead < 0x80) extra = 0;
  else if ((lead & 0xe0) === 0xc0) extra = 1;
  else if ((lead & 0xf0) === 0xe0) extra = 2;
  else if ((lead & 0xf8) === 0xf0) extra = 3;
  else if ((lead & 0xfc) === 0xf8) extra = 4;
  else if ((lead & 0xfe) === 0xfc) extra = 5;
  else if (lead === 0xfe) extra = 6;
  else return 0;
  q += 1;
  for (let i = 0; i < extra; i++, q++) if (q >= n || (bytes[q]! & 0xc0) !== 0x80) return 0;
  let blockSize: number;
  if (bsCode === 1) blockSize = 192;
  else if (bsCode <= 5) blockSize = 576 << (bsCode - 2);
  else if (bsCode === 6) {
    if (q + 1 > n) return 0;
    blockSize = bytes[q]! + 1;
    q += 1;
  } else if (bsCode === 7) {
    if (q + 2 > n) return 0;
    blockSize = ((bytes[q]! << 8) | bytes[q + 1]!) + 1;
    q += 2;
  } else blockSize = 256 << (bsCode - 8);
  if (srCode === 12) q += 1;
  else if (srCode === 13 || srCode === 14) q += 2;
  if (q >= n) return 0;
  let crc = 0;
  for (let i = p; i < q; i++) crc = CRC8[crc ^ bytes[i]!]!;
  return crc === bytes[q] ? blockSize : 0;
}

function parseMetadata(bytes: Uint8Array, source: string): { info: StreamInfo; firstFrame: number } {
  let p = id3v2Length(bytes) + 4;
  let info: StreamInfo | undefined;
  for (;;) {
    if (p + 4 > bytes.length) throw new AudioDecodeError(source, 'FLAC is truncated inside its metadata blocks', { format: 'flac' });
    const head = bytes[p]!;
    const type = head & 0x7f;
    const length = (bytes[p + 1]! << 16) | (bytes[p + 2]! << 8) | bytes[p + 3]!;
    const body = p + 4;
    if (body + length > bytes.length) {
      throw new AudioDecodeError(source, `FLAC is truncated: metadata block of type ${type} needs ${length} bytes`, { format: 'flac' });
    }
    if (type === 0) {
      if (length < 34) throw new AudioDecodeError(source, `FLAC STREAMINFO is ${length} bytes, expected 34`, { format: 'flac' });
      const b = bytes;
      const sampleRate = (b[body + 10]! << 12) | (b[body + 11]! << 4) | (b[body + 12]! >> 4);
      const channels = ((b[body + 12]! >> 1) & 7) + 1;
      const bitsPerSample = (((b[body + 12]! & 1) << 4) | (b[body + 13]! >> 4)) + 1;
      const totalSamples = (b[body + 13]! & 15) * 2 ** 32 + ((b[body + 14]! << 24) >>> 0) + (b[body + 15]! << 16) + (b[body + 16]! << 8) + b[body + 17]!;
      if (sampleRate === 0) throw new AudioDecodeError(source, 'FLAC STREAMINFO declares a sample rate of 0', { format: 'flac' });
      info = { sampleRate, channels, bitsPerSample, totalSamples };
    } else if (info === undefined) {
      throw new AudioDecodeError(source, 'FLAC does not start with a STREAMINFO block', { format: 'flac' });
    }
    p = body + length;
    if (head & 0x80) break;
  }
  return { info: info!, firstFrame: p };
}

/**
 * Splits the FLAC frames, checking every header CRC-8 and frame CRC-16 so that a truncated or corrupt stream is
 * reported (the wasm decoder alone can loop on a truncated file). Returns the frame byte ranges and sample count.
 */
export function splitFlacFrames(bytes: Uint8Array, source = '<bytes>'): { info: StreamInfo; frames: Uint8Array[]; samples: number } {
  const { info, firstFrame } = parseMetadata(bytes, source);
  const n = bytes.length;
  const frames: Uint8Array[] = [];
  let samples = 0;
  if (firstFrame >= n) {
    if (info.totalSamples > 0) throw new AudioDecodeError(source, `FLAC is truncated: no audio frames (expected ${info.totalSamples} samples)`, { format: 'flac' });
    return { info, frames, samples };
  }
  if (bytes[firstFrame] !== 0xff || (bytes[firstFrame + 1]! & 0xfe) !== 0xf8) {
    throw new AudioDecodeError(source, `FLAC has no frame sync at byte ${firstFrame}`, { format: 'flac' });
  }
  const blockingBit = bytes[firstFrame + 1]! & 1;
  let start = firstFrame;
  let block = frameHeader(bytes, start, blockingBit, info);
  if (block === 0) throw new AudioDecodeError(source, `FLAC frame header at byte ${start} is invalid (CRC-8 mismatch)`, { format: 'flac' });
  // Candidate syncs are found with indexOf; the CRC-16 of the bytes since the frame start is brought up to each
  // candidate incrementally, so every byte is CRC'd once.
  let crc = 0;
  let crcPos = start;
  let q = start + 2;
  for (;;) {
    q = bytes.indexOf(0xff, q);
    if (q < 0 || q + 1 >= n) break;
    if (bytes[q + 1] !== (0xf8 | blockingBit)) {
      q++;
      continue;
    }
    crc = crc16(crc, bytes, crcPos, q);
    crcPos = q;
    if (crc === 0 && q > start + 6) {
      const nextBlock = frameHeader(bytes, q, blockingBit, info);
      if (nextBlock !== 0) {
        frames.push(bytes.subarray(start, q));
        samples += block;
        start = q;
        block = nextBlock;
        crc = 0;
      }
    }
    q++;
  }
  crc = crc16(crc, bytes, crcPos, n);
  if (crc !== 0) {
    const what = info.totalSamples > 0 && samples + block > info.totalSamples ? 'corrupt' : 'truncated or corrupt';
    throw new AudioDecodeError(
      source,
      `FLAC is ${what}: frame ${frames.length} at byte ${start} fails its CRC-16 check (${samples} of ${info.totalSamples || '?'} samples intact)`,
      { format: 'flac', details: { frame: frames.length, byte: start } },
    );
  }
  frames.push(bytes.subarray(start, n));
  samples += block;
  if (info.totalSamples > 0 && samples < info.totalSamples) {
    throw new AudioDecodeError(source, `FLAC is truncated: ${samples} of ${info.totalSamples} samples present`, { format: 'flac' });
  }
  return { info, frames, samples };
}

/** Decodes FLAC (any bit depth libFLAC supports; 16 and 24 are tested) with @wasm-audio-decoders/flac. */
export async function decodeFlac(bytes: Uint8Array, source = '<bytes>', options: DecodeOptions = {}): Promise<DecodedAudio> {
  const { info, frames } = splitFlacFrames(bytes, source);
  const decoder = new FLACDecoder();
  let result;
  try {
    await decoder.ready;
    result = await decoder.decodeFrames(frames);
  } catch (cause) {
    throw new AudioDecodeError(source, 'FLAC decoder failed', { format: 'flac', cause });
  } finally {
    decoder.free();
  }
  if (result.errors.length > 0) {
    const first = result.errors[0]!;
    throw new AudioDecodeError(source, `FLAC decoding failed in frame ${first.frameNumber}: ${first.message}`, { format: 'flac' });
  }
  let channels = result.channelData.slice(0, info.channels);
  let total = result.samplesDecoded;
  if (info.totalSamples > 0 && total > info.totalSamples) total = info.totalSamples;
  channels = channels.map((c) => (c.length === total ? c : c.subarray(0, total)));
  if (info.bitsPerSample <= 24) for (const c of channels) restoreIntegerScale(c, info.bitsPerSample);
  const [s, e] = sampleRange(total, info.sampleRate, options);
  return { channels: sliceChannels(channels, s, e), sampleRate: info.sampleRate, format: 'flac', bitDepth: info.bitsPerSample };
}

/**
 * The wasm decoder scales by `1 / (2^(bits-1) - 1)`; libsndfile and torchaudio use `1 / 2^(bits-1)`. Recover the
 * integer (exact for ≤ 24 bits) and rescale in place so that decoded FLAC equals the upstream loaders bit for bit.
 */
function restoreIntegerScale(channel: Float32Array, bits: number): void {
  const full = 2 ** (bits - 1);
  const decoderScale = full - 1;
  const inv = 1 / full;
  // x·scale is within 2^-8 of an integer; adding and subtracting 1.5·2^52 rounds it in two float64 additions
  const magic = 6755399441055744;
  for (let i = 0; i < channel.length; i++) channel[i] = (channel[i]! * decoderScale + magic - magic) * inv;
}
