import { ConfigError } from '@mirkit/core';
import { halve } from './halve.js';
import { resamplePoly } from './poly.js';
import { resampleSincHann } from './sinc-hann.js';
import { gcd } from './util.js';

export type ResampleMethod = 'sinc_hann' | 'poly' | 'soxr_hq';

export interface ResampleOptions {
  /**
   * 'sinc_hann' (torchaudio, default), 'poly' (scipy resample_poly) or 'soxr_hq' (our soxr_hq-like linear-phase
   * decimator; exact power-of-two down-sampling ratios only, e.g. 44100 → 22050).
   */
  method?: ResampleMethod;
  lowpassFilterWidth?: number;
  rolloff?: number;
}

/** Resamples a mono signal from `origSr` to `targetSr` with the chosen upstream-compatible method. */
export function resample(x: ArrayLike<number>, origSr: number, targetSr: number, options: ResampleOptions = {}): Float32Array {
  const method = options.method ?? 'sinc_hann';
  if (method === 'poly') {
    const g = gcd(origSr, targetSr);
    return resamplePoly(x, targetSr / g, origSr / g);
  }
  if (method === 'soxr_hq') {
    const ratio = origSr / targetSr;
    if (!Number.isInteger(ratio) || ratio < 1 || (ratio & (ratio - 1)) !== 0) {
      throw new ConfigError('ERR_INVALID_OPTION', `res_type 'soxr_hq' supports power-of-two down-sampling only, but got ${origSr} → ${targetSr}`);
    }
    let y: Float64Array = Float64Array.from(x);
    for (let r = ratio; r > 1; r /= 2) y = halve(y);
    return Float32Array.from(y);
  }
  if (method !== 'sinc_hann') throw new ConfigError('ERR_INVALID_OPTION', `res_type should be 'sinc_hann', 'poly' or 'soxr_hq', but got '${String(method)}'`);
  const opts: { lowpassFilterWidth?: number; rolloff?: number } = {};
  if (options.lowpassFilterWidth !== undefined) opts.lowpassFilterWidth = options.lowpassFilterWidth;
  if (options.rolloff !== undefined) opts.rolloff = options.rolloff;
  return resampleSincHann(x, origSr, targetSr, opts);
}
