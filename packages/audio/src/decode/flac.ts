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

// slicing-by-8 tables for CRC-16 (T[k][b] = CRC of byte b followed by k zero bytes)
const CRC16_T = [CRC16, ...Array.from({ length: 7 }, () => new Uint16Array(256))] as const;
for (let k = 1; k < 8; k++) {
  const prev = CRC16_T[k - 1]!;
  const cur = CRC16_T[k]!;
  for (let b = 0; b < 256; b++) cur[b] = ((prev[b]! << 8) & 0xffff) ^ CRC16[prev[b]! >> 8]!;
}

/** Continues a CRC-16 (poly 0x8005, MSB first) over bytes[from, to). */
function crc16(crc: number, bytes: Uint8Array, from: number, to: number): number {
  const [t0, t1, t2, t3, t4, t5, t6, t7] = CRC16_T as unknown as Uint16Array[] as [
    Uint16Array,
    Uint16Array,
    Uint16Array,
    Uint16Array,
    Uint16Array,
    Uint16Array,
    Uint16Array,
    Uint16Array,
  ];
  let p = from;
  for (; p + 8 <= to; p += 8) {
    const a = (crc >> 8) ^ bytes[p]!;
    const b = (crc & 0xff) ^ bytes[p + 1]!;
    crc =
      t7[a]! ^ t6[b]! ^ t5[bytes[p + 2]!]! ^ t4[bytes[p + 3]!]! ^ t3[bytes[p + 4]!]! ^ t2[bytes[p + 5]!]! ^ t1[bytes[p + 6]!]! ^ t0[bytes[p + 7]!]!;
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
export async function decodeFlac(
  bytes: Uint8Array,
  source = '<bytes>',
  options: DecodeOptions = {},
): Promise<DecodedAudio> {
  const { info, frames, samples } = splitFlacFrames(bytes, source);
  const decoder = new FLACDecoder();
  let channels: Float32Array[];
  let total: number;
  try {
    try {
      await decoder.ready;
    } catch (cause) {
      throw new AudioDecodeError(source, 'FLAC decoder failed', { format: 'flac', cause });
    }
    const direct = decodeFramesDirect(decoder, frames, info, samples, source);
    if (direct !== undefined) {
      channels = direct.channels;
      total = direct.total;
    } else {
      let result;
      try {
        result = await decoder.decodeFrames(frames);
      } catch (cause) {
        throw new AudioDecodeError(source, 'FLAC decoder failed', { format: 'flac', cause });
      }
      if (result.errors.length > 0) {
        const first = result.errors[0]!;
        throw new AudioDecodeError(
          source,
          `FLAC decoding failed in frame ${first.frameNumber}: ${first.message}`,
          { format: 'flac' },
        );
      }
      channels = result.channelData.slice(0, info.channels);
      total = result.samplesDecoded;
      if (info.bitsPerSample <= 24) for (const c of channels) restoreIntegerScale(c, info.bitsPerSample);
    }
  } finally {
    decoder.free();
  }
  if (info.totalSamples > 0 && total > info.totalSamples) total = info.totalSamples;
  channels = channels.map((c) => (c.length === total ? c : c.subarray(0, total)));
  const [s, e] = sampleRange(total, info.sampleRate, options);
  return {
    channels: sliceChannels(channels, s, e),
    sampleRate: info.sampleRate,
    format: 'flac',
    bitDepth: info.bitsPerSample,
  };
}

/** The parts of @wasm-audio-decoders/flac 0.2.11's inner decoder that {@link decodeFramesDirect} drives. */
interface FlacInner {
  _common: {
    wasm: {
      decode_frame(decoder: number, ptr: number, len: number): void;
      malloc(bytes: number): number;
      free(ptr: number): void;
      HEAP: ArrayBuffer;
    };
    codeToString(ptr: number): string;
  };
  _decoder: number;
  _channels: { ptr: number };
  _samplesDecoded: { ptr: number };
  _outputBufferPtr: { ptr: number };
  _outputBufferLen: { ptr: number };
  _errorStringPtr: { ptr: number };
  _stateStringPtr: { ptr: number };
}

function innerDecoder(decoder: FLACDecoder): FlacInner | undefined {
  const inner = (decoder as unknown as { _decoder?: Partial<FlacInner> })._decoder;
  const wasm = inner?._common?.wasm;
  if (
    inner === undefined ||
    wasm === undefined ||
    typeof wasm.decode_frame !== 'function' ||
    typeof wasm.malloc !== 'function' ||
    typeof wasm.free !== 'function' ||
    !(wasm.HEAP instanceof ArrayBuffer) ||
    typeof inner._decoder !== 'number' ||
    [
      inner._channels,
      inner._samplesDecoded,
      inner._outputBufferPtr,
      inner._outputBufferLen,
      inner._errorStringPtr,
      inner._stateStringPtr,
    ].some((v) => typeof v?.ptr !== 'number')
  ) {
    return undefined;
  }
  return inner as FlacInner;
}

/**
 * Decodes the frames through the decoder's wasm entry point directly (as the library does, each frame is copied
 * into a fresh heap buffer that `decode_frame` takes ownership of and frees), with the output read from
 * the wasm heap straight into the result with the integer-scale fix applied on the way), skipping the library's
 * per-frame allocations, per-channel slices and final concatenation. Returns undefined when the library's
 * internals are not the expected ones (then the public `decodeFrames` path is used).
 */
function decodeFramesDirect(
  decoder: FLACDecoder,
  frames: Uint8Array[],
  info: StreamInfo,
  samples: number,
  source: string,
): { channels: Float32Array[]; total: number } | undefined {
  const inner = innerDecoder(decoder);
  if (inner === undefined) return undefined;
  const { wasm } = inner._common;
  const channels = Array.from({ length: info.channels }, () => new Float32Array(samples));
  const bits = info.bitsPerSample;
  const restore = bits <= 24;
  const full = 2 ** (bits - 1);
  const decoderScale = full - 1;
  const inv = 1 / full;
  // whole-heap views, rebuilt only when the wasm memory grows (a new HEAP buffer)
  let heap = wasm.HEAP;
  let u8 = new Uint8Array(heap);
  let u32 = new Uint32Array(heap);
  let f32 = new Float32Array(heap);
  const views = () => {
    if (wasm.HEAP !== heap) {
      heap = wasm.HEAP;
      u8 = new Uint8Array(heap);
      u32 = new Uint32Array(heap);
      f32 = new Float32Array(heap);
    }
  };
  const word = (ptr: number) => u32[ptr >>> 2]!;
  let pos = 0;
  for (let i = 0; i < frames.length; i++) {
    const frame = frames[i]!;
    const input = wasm.malloc(frame.length);
    views();
    u8.set(frame, input);
    wasm.decode_frame(inner._decoder, input, frame.length);
    views();
    const err = word(inner._errorStringPtr.ptr);
    const state = word(inner._stateStringPtr.ptr);
    const outPtr = word(inner._outputBufferPtr.ptr);
    const outLen = word(inner._outputBufferLen.ptr);
    const decoded = word(inner._samplesDecoded.ptr);
    const chans = word(inner._channels.ptr);
    try {
      if (err !== 0 || state !== 0) {
        const parts = [
          err !== 0 ? `Error: ${inner._common.codeToString(err)}` : '',
          state !== 0 ? `State: ${inner._common.codeToString(state)}` : '',
        ];
        throw new AudioDecodeError(
          source,
          `FLAC decoding failed in frame ${i}: ${parts.filter(Boolean).join('; ')}`,
          { format: 'flac' },
        );
      }
      if (chans < info.channels || decoded * chans > outLen || pos + decoded > samples) {
        throw new AudioDecodeError(
          source,
          `FLAC decoding failed in frame ${i}: decoder returned ${decoded} samples × ${chans} channels`,
          { format: 'flac' },
        );
      }
      const base = outPtr >>> 2;
      for (let c = 0; c < info.channels; c++) {
        const dst = channels[c]!;
        const src = base + c * decoded;
        if (restore) copyRestored(f32, src, dst, pos, decoded, decoderScale, inv);
        else dst.set(f32.subarray(src, src + decoded), pos);
      }
      pos += decoded;
    } finally {
      if (outPtr !== 0) wasm.free(outPtr);
      u32[inner._outputBufferLen.ptr >>> 2] = 0;
      u32[inner._samplesDecoded.ptr >>> 2] = 0;
    }
  }
  return { channels, total: pos };
}

/** `dst[pos + j] = round(src[from + j]·scale) · inv` (see {@link restoreIntegerScale}). */
function copyRestored(src: Float32Array, from: number, dst: Float32Array, pos: number, count: number, scale: number, inv: number): void {
  const magic = 6755399441055744;
  for (let j = 0; j < count; j++) dst[pos + j] = (src[from + j]! * scale + magic - magic) * inv;
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
