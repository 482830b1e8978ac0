import { ConfigError } from '@mirkit/core';

/**
 * `librosa.util.frame` for 1-D input: (frameLength, nFrames) row-major copy with `nFrames = 1 + floor((n − L) / hop)`
 * (no padding; 0 frames when the signal is shorter than one frame).
 */
export function frame(y: ArrayLike<number>, frameLength: number, hopLength: number): { data: Float32Array; frameLength: number; frames: number } {
  if (!Number.isInteger(frameLength) || frameLength < 1) throw new ConfigError('ERR_INVALID_OPTION', `frame_length should be a positive integer, but got ${frameLength}`);
  if (!Number.isInteger(hopLength) || hopLength < 1) throw new ConfigError('ERR_INVALID_OPTION', `hop_length should be a positive integer, but got ${hopLength}`);
  const n = y.length;
  const frames = n < frameLength ? 0 : 1 + Math.floor((n - frameLength) / hopLength);
  const data = new Float32Array(frameLength * frames);
  for (let t = 0; t < frames; t++) for (let i = 0; i < frameLength; i++) data[i * frames + t] = y[t * hopLength + i]!;
  return { data, frameLength, frames };
}

export interface Patch {
  start: number;
  /** Exclusive. */
  end: number;
}

/**
 * The DL101 tutorial's `f_get_patches(total, len, hop)`: `floor((total − len) / hop + 1)` full patches
 * `[k·hop, k·hop + len)`; the partial tail is dropped and `total < len` gives none.
 */
export function patches(totalLength: number, patchLength: number, patchHop: number): Patch[] {
  if (!Number.isInteger(patchLength) || patchLength < 1) throw new ConfigError('ERR_INVALID_OPTION', `patch length should be a positive integer, but got ${patchLength}`);
  if (!Number.isInteger(patchHop) || patchHop < 1) throw new ConfigError('ERR_INVALID_OPTION', `patch hop should be a positive integer, but got ${patchHop}`);
  const count = Math.floor((totalLength - patchLength) / patchHop + 1);
  const out: Patch[] = [];
  for (let k = 0; k < count; k++) out.push({ start: k * patchHop, end: k * patchHop + patchLength });
  return out;
}

/** Frame times `(n · hop) / sr` (computed in that order, bit-exact with numpy). */
export function framesToTime(frames: number, hopLength: number, sr: number): Float64Array {
  const out = new Float64Array(frames);
  for (let n = 0; n < frames; n++) out[n] = (n * hopLength) / sr;
  return out;
}
