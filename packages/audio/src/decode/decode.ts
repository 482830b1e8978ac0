import { readFile } from 'node:fs/promises';
import { DataError } from '@mirkit/core';
import { AudioDecodeError } from '../errors.js';
import { decodeFlac, isFlac } from './flac.js';
import { decodeMp3, isMp3 } from './mp3.js';
import type { DecodedAudio, DecodeOptions } from './types.js';
import { decodeWav, isWav } from './wav.js';

/** Detected container of audio bytes, or undefined. */
export function sniffAudioFormat(bytes: Uint8Array): DecodedAudio['format'] | undefined {
  if (isWav(bytes)) return 'wav';
  if (isFlac(bytes)) return 'flac';
  if (isMp3(bytes)) return 'mp3';
  return undefined;
}

/**
 * Decodes WAV, FLAC or MP3 from a path or bytes (the format is detected from the content), keeping
 * `[offset, offset + duration)` seconds. Truncated or corrupt input throws {@link AudioDecodeError}.
 */
export async function decode(input: string | Uint8Array, options: DecodeOptions = {}): Promise<DecodedAudio> {
  let bytes: Uint8Array;
  let source: string;
  if (typeof input === 'string') {
    source = input;
    try {
      bytes = await readFile(input);
    } catch (cause) {
      throw new DataError('ERR_MISSING_FILE', `Cannot read audio file ${input}: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}`, {
        cause,
        details: { file: input },
      });
    }
  } else {
    source = '<bytes>';
    bytes = input;
  }
  if (bytes.length === 0) throw new AudioDecodeError(source, 'file is empty');
  switch (sniffAudioFormat(bytes)) {
    case 'wav':
      return decodeWav(bytes, source, options);
    case 'flac':
      return decodeFlac(bytes, source, options);
    case 'mp3':
      return decodeMp3(bytes, source, options);
    default:
      throw new AudioDecodeError(source, 'unrecognised audio format (expected WAV, FLAC or MP3)');
  }
}
