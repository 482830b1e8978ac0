import { ConfigError } from '@mirkit/core';

export type WindowName = 'hann' | 'hamming' | 'ones' | 'boxcar';

/**
 * A window of `length` samples (float64). `periodic` (scipy `fftbins=True`, librosa/torch default) divides by
 * `length`; symmetric (`np.hanning`, madmom) by `length − 1`.
 */
export function getWindow(name: WindowName, length: number, periodic = true): Float64Array {
  if (!Number.isInteger(length) || length < 1) throw new ConfigError('ERR_INVALID_OPTION', `window length should be a positive integer, but got ${length}`);
  const w = new Float64Array(length);
  if (name === 'ones' || name === 'boxcar') return w.fill(1);
  if (length === 1) return w.fill(1);
  const denom = periodic ? length : length - 1;
  const [a0, a1] = name === 'hann' ? [0.5, 0.5] : name === 'hamming' ? [0.54, 0.46] : [Number.NaN, Number.NaN];
  if (Number.isNaN(a0)) throw new ConfigError('ERR_INVALID_OPTION', `window should be one of hann, hamming, ones, but got '${String(name)}'`);
  for (let i = 0; i < length; i++) w[i] = a0 - a1 * Math.cos((2 * Math.PI * i) / denom);
  return w;
}

/** Zero-pads `w` symmetrically to `size` (librosa `pad_center`: left pad `floor((size − len) / 2)`). */
export function padCenter(w: Float64Array, size: number): Float64Array {
  if (w.length === size) return w;
  if (w.length > size) throw new ConfigError('ERR_INVALID_OPTION', `win_length ${w.length} should be ≤ n_fft ${size}`);
  const out = new Float64Array(size);
  out.set(w, (size - w.length) >> 1);
  return out;
}
