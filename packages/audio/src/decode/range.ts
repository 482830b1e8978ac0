import { ConfigError } from '@mirkit/core';
import type { DecodeOptions } from './types.js';

/** Sample range `[start, end)` selected by `offset`/`duration` (seconds), rounded like librosa.load. */
export function sampleRange(total: number, sampleRate: number, options: DecodeOptions): [number, number] {
  const { offset = 0, duration } = options;
  if (!Number.isFinite(offset) || offset < 0) {
    throw new ConfigError('ERR_INVALID_OPTION', `offset should be a non-negative number of seconds, but got ${offset}`);
  }
  if (duration !== undefined && (!Number.isFinite(duration) || duration < 0)) {
    throw new ConfigError('ERR_INVALID_OPTION', `duration should be a non-negative number of seconds, but got ${duration}`);
  }
  const start = Math.min(total, Math.round(offset * sampleRate));
  const end = duration === undefined ? total : Math.min(total, start + Math.round(duration * sampleRate));
  return [start, end];
}

/** Slices every channel to `[start, end)` (a view, no copy) when the range is not the whole signal. */
export function sliceChannels(channels: Float32Array[], start: number, end: number): Float32Array[] {
  if (start === 0 && channels.every((c) => c.length === end)) return channels;
  return channels.map((c) => c.subarray(start, end));
}
