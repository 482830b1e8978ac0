import { MPEGDecoder } from 'mpg123-decoder';
import { AudioDecodeError } from '../errors.js';
import { id3v2Length } from './flac.js';
import { sampleRange, sliceChannels } from './range.js';
import type { DecodedAudio, DecodeOptions } from './types.js';

// kbps by [version is MPEG1 ? 0 : 1][layer 1..3][index]
const BITRATES: readonly (readonly number[])[][] = [
  [
    [],
    [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
    [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
    [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  ],
  [
    [],
    [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
    [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
    [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  ],
];
const SAMPLE_RATES = [44100, 48000, 32000];

interface MpegFrame {
  length: number;
  sampleRate: number;
}

/** Parses an MPEG audio frame header at `p`; undefined when the 4 bytes there are not one. */
function mpegFrame(bytes: Uint8Array, p: number): MpegFrame | undefined {
  if (p + 4 > bytes.length || bytes[p] !== 0xff || (bytes[p + 1]! & 0xe0) !== 0xe0) return undefined;
  const versionBits = (bytes[p + 1]! >> 3) & 3; // 0: 2.5, 2: 2, 3: 1
  const layerBits = (bytes[p + 1]! >> 1) & 3; // 1: III, 2: II, 3: I
  const bitrateIndex = bytes[p + 2]! >> 4;
  const rateIndex = (bytes[p + 2]! >> 2) & 3;
  const padding = (bytes[p + 2]! >> 1) & 1;
  if (versionBits === 1 || layerBits === 0 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return undefined;
  const layer = 4 - layerBits;
  const mpeg1 = versionBits === 3;
  const kbps = BITRATES[mpeg1 ? 0 : 1]![layer]![bitrateIndex]!;
  const sampleRate = SAMPLE_RATES[rateIndex]! / (mpeg1 ? 1 : versionBits === 2 ? 2 : 4);
  let length: number;
  if (layer === 1) length = (Math.floor((12000 * kbps) / sampleRate) + padding) * 4;
  else if (layer === 3 && !mpeg1) length = Math.floor((72000 * kbps) / sampleRate) + padding;
  else length = Math.floor((144000 * kbps) / sampleRate) + padding;
  return { length, sampleRate };
}

function ascii(bytes: Uint8Array, at: number, n: number): string {
  let s = '';
  for (let i = 0; i < n && at + i < bytes.length; i++) s += String.fromCharCode(bytes[at + i]!);
  return s;
}

/** True when the bytes look like an MPEG audio stream (ID3v2 tag or a frame sync with a valid next frame). */
export function isMp3(bytes: Uint8Array): boolean {
  const start = id3v2Length(bytes);
  if (start > 0 && start < bytes.length) return mpegFrame(bytes, start) !== undefined || bytes.length > start;
  const f = mpegFrame(bytes, 0);
  return f !== undefined && (f.length >= bytes.length || mpegFrame(bytes, f.length) !== undefined);
}

/**
 * Walks the MPEG frame chain and reports truncation (a frame running past the end) or lost sync; trailing
 * ID3v1/APE/Lyrics3 tags are allowed. Returns the number of frames.
 */
export function checkMp3Frames(bytes: Uint8Array, source = '<bytes>'): number {
  let p = id3v2Length(bytes);
  if (p > bytes.length) throw new AudioDecodeError(source, 'MP3 is truncated inside its ID3v2 tag', { format: 'mp3' });
  // find the first frame whose successor is also a frame (skips junk before the audio)
  const limit = Math.min(bytes.length, p + 65536);
  let first = -1;
  for (let q = p; q < limit; q++) {
    const f = mpegFrame(bytes, q);
    if (f !== undefined && (q + f.length >= bytes.length || mpegFrame(bytes, q + f.length) !== undefined)) {
      first = q;
      break;
    }
  }
  if (first < 0) throw new AudioDecodeError(source, 'no MPEG audio frame found (not an MP3 file, or corrupt)', { format: 'mp3' });
  p = first;
  let count = 0;
  while (p < bytes.length) {
    const f = mpegFrame(bytes, p);
    if (f === undefined) {
      const rest = bytes.length - p;
      const tag = ascii(bytes, p, 8);
      if ((tag.startsWith('TAG') && rest === 128) || tag === 'APETAGEX' || tag.startsWith('LYRICS')) break;
      throw new AudioDecodeError(source, `MP3 is corrupt: lost frame sync at byte ${p} after ${count} frames`, {
        format: 'mp3',
        details: { byte: p, frames: count },
      });
    }
    if (p + f.length > bytes.length) {
      throw new AudioDecodeError(
        source,
        `MP3 is truncated: frame ${count} at byte ${p} needs ${f.length} bytes but only ${bytes.length - p} remain`,
        { format: 'mp3', details: { byte: p, frames: count } },
      );
    }
    p += f.length;
    count++;
  }
  return count;
}

/** Decodes MPEG-1/2/2.5 layer I–III audio with mpg123-decoder (gapless trimming from the LAME/Xing header). */
export async function decodeMp3(bytes: Uint8Array, source = '<bytes>', options: DecodeOptions = {}): Promise<DecodedAudio> {
  checkMp3Frames(bytes, source);
  const decoder = new MPEGDecoder();
  let result;
  try {
    await decoder.ready;
    result = decoder.decode(bytes);
  } catch (cause) {
    throw new AudioDecodeError(source, 'MP3 decoder failed', { format: 'mp3', cause });
  } finally {
    decoder.free();
  }
  if (result.errors.length > 0) {
    const first = result.errors[0]!;
    throw new AudioDecodeError(source, `MP3 is corrupt: decoding failed near input byte ${first.inputBytes} (${first.message})`, {
      format: 'mp3',
    });
  }
  if (result.samplesDecoded === 0) throw new AudioDecodeError(source, 'MP3 decoded to 0 samples', { format: 'mp3' });
  const channels = result.channelData.map((c) => (c.length === result.samplesDecoded ? c : c.subarray(0, result.samplesDecoded)));
  const [s, e] = sampleRange(result.samplesDecoded, result.sampleRate, options);
  return { channels: sliceChannels(channels, s, e), sampleRate: result.sampleRate, format: 'mp3', bitDepth: 0 };
}
