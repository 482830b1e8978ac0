import { ConfigError } from '@mirkit/core';

/** Channel mean (torch `mean(dim=0)`, librosa `to_mono`), float32. A single channel is returned as is. */
export function downmix(channels: readonly Float32Array[]): Float32Array {
  if (channels.length === 0) throw new ConfigError('ERR_INVALID_OPTION', 'downmix needs at least one channel');
  if (channels.length === 1) return channels[0]!;
  const n = channels[0]!.length;
  if (channels.some((c) => c.length !== n)) throw new ConfigError('ERR_SHAPE_MISMATCH', 'downmix: channels have different lengths');
  const out = new Float32Array(n);
  const k = channels.length;
  if (k === 2) {
    const a = channels[0]!;
    const b = channels[1]!;
    // × 0.5 is exactly / 2 (both are the correctly rounded half), and cheaper
    for (let i = 0; i < n; i++) out[i] = (a[i]! + b[i]!) * 0.5;
    return out;
  }
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let c = 0; c < k; c++) s = Math.fround(s + channels[c]![i]!);
    out[i] = s / k;
  }
  return out;
}

export interface PeakNormalizeOptions {
  /** Target peak in dBFS (default 0 dB: divide by max |x|, as SOUSA's loader does). */
  targetDb?: number;
  /** Normalise in place (default false: new array). */
  inPlace?: boolean;
}

/** Scales so that `max |x|` equals the target peak; an all-zero signal is returned unchanged. */
export function peakNormalize(x: Float32Array, options: PeakNormalizeOptions = {}): Float32Array {
  const { targetDb = 0, inPlace = false } = options;
  let peak = 0;
  for (let i = 0; i < x.length; i++) {
    const a = Math.abs(x[i]!);
    if (a > peak) peak = a;
  }
  const out = inPlace ? x : new Float32Array(x);
  if (peak === 0) return out;
  if (targetDb === 0) {
    for (let i = 0; i < out.length; i++) out[i] = out[i]! / peak;
  } else {
    const target = Math.fround(10 ** (targetDb / 20));
    for (let i = 0; i < out.length; i++) out[i] = (out[i]! / peak) * target;
  }
  return out;
}
