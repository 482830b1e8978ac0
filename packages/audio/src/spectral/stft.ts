import { ConfigError } from '@mirkit/core';
import { RealTransform } from '../fft/real-fft.js';
import { getWindow, padCenter, type WindowName } from './window.js';

export type PadMode = 'constant' | 'reflect' | 'edge';

export interface StftOptions {
  /** FFT size, any positive integer (default 2048). */
  nFft?: number;
  /** Hop in samples (default `floor(winLength / 4)`). */
  hopLength?: number;
  /** Window length, zero-padded to `nFft` in the centre (default `nFft`). */
  winLength?: number;
  /** Window name (default 'hann') or explicit window values of length `winLength`. */
  window?: WindowName | Float64Array;
  /** Periodic window (default true; `false` gives the symmetric `np.hanning`). */
  periodic?: boolean;
  /** Centre frames on `t · hop` by padding `nFft / 2` samples each side (default true). */
  center?: boolean;
  /** Padding used when centring (default 'constant' = zeros, librosa ≥ 0.10; torch uses 'reflect'). */
  padMode?: PadMode;
}

export interface ComplexSpectrogram {
  /** Real parts, shape (bins, frames), row-major. */
  re: Float32Array;
  im: Float32Array;
  bins: number;
  frames: number;
}

interface Resolved {
  nFft: number;
  hop: number;
  window: Float64Array;
  center: boolean;
  padMode: PadMode;
}

function resolve(options: StftOptions): Resolved {
  const nFft = options.nFft ?? 2048;
  const winLength = options.winLength ?? (options.window instanceof Float64Array ? options.window.length : nFft);
  const hop = options.hopLength ?? Math.floor(winLength / 4);
  if (!Number.isInteger(nFft) || nFft < 1) throw new ConfigError('ERR_INVALID_OPTION', `n_fft should be a positive integer, but got ${nFft}`);
  if (!Number.isInteger(hop) || hop < 1) throw new ConfigError('ERR_INVALID_OPTION', `hop_length should be a positive integer, but got ${hop}`);
  if (!Number.isInteger(winLength) || winLength < 1 || winLength > nFft) {
    throw new ConfigError('ERR_INVALID_OPTION', `win_length should be an integer in [1, n_fft=${nFft}], but got ${winLength}`);
  }
  const base = options.window instanceof Float64Array ? options.window : getWindow(options.window ?? 'hann', winLength, options.periodic ?? true);
  if (base.length !== winLength) throw new ConfigError('ERR_INVALID_OPTION', `window has ${base.length} values but win_length is ${winLength}`);
  return { nFft, hop, window: padCenter(base, nFft), center: options.center ?? true, padMode: options.padMode ?? 'constant' };
}

/** Number of STFT frames for a signal of `n` samples. */
export function stftFrameCount(n: number, options: StftOptions = {}): number {
  const { nFft, hop, center } = resolve(options);
  if (center) return 1 + Math.floor(n / hop);
  return n < nFft ? 0 : 1 + Math.floor((n - nFft) / hop);
}

/** Sample `i` of the signal extended by the pad mode (index may be outside [0, n)). */
function padded(y: ArrayLike<number>, i: number, mode: PadMode): number {
  const n = y.length;
  if (i >= 0 && i < n) return y[i]!;
  if (mode === 'constant' || n === 0) return 0;
  if (mode === 'edge') return y[i < 0 ? 0 : n - 1]!;
  if (n === 1) return y[0]!;
  const period = 2 * (n - 1);
  let j = ((i % period) + period) % period;
  if (j >= n) j = period - j;
  return y[j]!;
}

/**
 * Iterates over windowed frames and their spectra: `visit(t, re, im)` receives float64 bins 0…nFft/2 of frame t.
 * Shared by {@link stft} and the magnitude/mel paths (no intermediate complex matrix).
 */
export function forEachStftFrame(
  y: ArrayLike<number>,
  options: StftOptions,
  visit: (t: number, re: Float64Array, im: Float64Array, frames: number) => void,
): { bins: number; frames: number } {
  const { nFft, hop, window, center, padMode } = resolve(options);
  const n = y.length;
  const frames = stftFrameCount(n, options);
  const fft = new RealTransform(nFft);
  const bins = fft.bins;
  const frame = new Float64Array(nFft);
  const re = new Float64Array(bins);
  const im = new Float64Array(bins);
  const offset = center ? nFft >> 1 : 0;
  if (center && padMode === 'reflect' && n <= offset) {
    throw new ConfigError('ERR_INVALID_OPTION', `reflect padding needs more than n_fft/2 = ${offset} samples, but got ${n}`);
  }
  const frameB = new Float64Array(nFft);
  const reB = new Float64Array(bins);
  const imB = new Float64Array(bins);
  if ((nFft & (nFft - 1)) === 0 && nFft >= 2) {
    // power of two: frames are read in place (window applied inside the transform); edge frames via a padded copy
    const ys = y instanceof Float32Array || y instanceof Float64Array ? y : Float64Array.from(y);
    for (let t = 0; t < frames; t++) {
      const start = t * hop - offset;
      if (start >= 0 && start + nFft <= n) fft.forwardWindowed(ys, start, window, re, im);
      else {
        for (let i = 0; i < nFft; i++) frame[i] = padded(ys, start + i, padMode);
        fft.forwardWindowed(frame, 0, window, re, im);
      }
      visit(t, re, im, frames);
    }
    return { bins, frames };
  }
  const fill = (t: number, buf: Float64Array) => {
    const start = t * hop - offset;
    if (start >= 0 && start + nFft <= n) {
      for (let i = 0; i < nFft; i++) buf[i] = y[start + i]! * window[i]!;
    } else {
      for (let i = 0; i < nFft; i++) buf[i] = padded(y, start + i, padMode) * window[i]!;
    }
  };
  // other sizes: two real frames per complex transform
  for (let t = 0; t < frames; t += 2) {
    fill(t, frame);
    if (t + 1 < frames) {
      fill(t + 1, frameB);
      fft.forward2(frame, frameB, re, im, reB, imB);
      visit(t, re, im, frames);
      visit(t + 1, reB, imB, frames);
    } else {
      fft.forward(frame, re, im);
      visit(t, re, im, frames);
    }
  }
  return { bins, frames };
}

/**
 * Resolved STFT geometry plus a reader of padded signal spans: `read(t, out)` fills `out` with the (centred,
 * padded) signal from the start of frame t on. For kernels that window and transform frames themselves.
 */
export function stftSource(
  y: ArrayLike<number>,
  options: StftOptions,
): { nFft: number; hop: number; window: Float64Array; frames: number; read: (t: number, out: Float64Array) => void } {
  const { nFft, hop, window, center, padMode } = resolve(options);
  const n = y.length;
  const frames = stftFrameCount(n, options);
  const offset = center ? nFft >> 1 : 0;
  if (center && padMode === 'reflect' && n <= offset) {
    throw new ConfigError('ERR_INVALID_OPTION', `reflect padding needs more than n_fft/2 = ${offset} samples, but got ${n}`);
  }
  const ys = y instanceof Float32Array || y instanceof Float64Array ? y : Float64Array.from(y);
  const read = (t: number, out: Float64Array) => {
    const start = t * hop - offset;
    const len = out.length;
    if (start >= 0 && start + len <= n) out.set(ys.subarray(start, start + len));
    else for (let i = 0; i < len; i++) out[i] = padded(ys, start + i, padMode);
  };
  return { nFft, hop, window, frames, read };
}

/**
 * Like {@link forEachStftFrame}, but `visit(t, power, frames)` receives `|X|²` (float64, bins 0…nFft/2). Powers of
 * two compute the power straight from the packed half-size transform (no re/im arrays).
 */
export function forEachPowerFrame(
  y: ArrayLike<number>,
  options: StftOptions,
  visit: (t: number, power: Float64Array, frames: number) => void,
): { bins: number; frames: number } {
  const { nFft, hop, window, center, padMode } = resolve(options);
  const bins = (nFft >> 1) + 1;
  const power = new Float64Array(bins);
  if ((nFft & (nFft - 1)) !== 0 || nFft < 2) {
    return forEachStftFrame(y, options, (t, re, im, frames) => {
      for (let k = 0; k < bins; k++) power[k] = re[k]! * re[k]! + im[k]! * im[k]!;
      visit(t, power, frames);
    });
  }
  const n = y.length;
  const frames = stftFrameCount(n, options);
  const fft = new RealTransform(nFft);
  const offset = center ? nFft >> 1 : 0;
  if (center && padMode === 'reflect' && n <= offset) {
    throw new ConfigError('ERR_INVALID_OPTION', `reflect padding needs more than n_fft/2 = ${offset} samples, but got ${n}`);
  }
  const ys = y instanceof Float32Array || y instanceof Float64Array ? y : Float64Array.from(y);
  const frame = new Float64Array(nFft);
  for (let t = 0; t < frames; t++) {
    const start = t * hop - offset;
    if (start >= 0 && start + nFft <= n) fft.powerWindowed(ys, start, window, power);
    else {
      for (let i = 0; i < nFft; i++) frame[i] = padded(ys, start + i, padMode);
      fft.powerWindowed(frame, 0, window, power);
    }
    visit(t, power, frames);
  }
  return { bins, frames };
}

/** Complex STFT like `librosa.stft` (shape (1 + nFft/2, frames)); float32 output. */
export function stft(y: ArrayLike<number>, options: StftOptions = {}): ComplexSpectrogram {
  const frames = stftFrameCount(y.length, options);
  const bins = (resolve(options).nFft >> 1) + 1;
  const outRe = new Float32Array(bins * frames);
  const outIm = new Float32Array(bins * frames);
  forEachStftFrame(y, options, (t, re, im) => {
    for (let k = 0; k < bins; k++) {
      outRe[k * frames + t] = re[k]!;
      outIm[k * frames + t] = im[k]!;
    }
  });
  return { re: outRe, im: outIm, bins, frames };
}

export interface SpectrogramOptions extends StftOptions {
  /** Exponent of the magnitude: 1 = magnitude, 2 = power (default 1). */
  power?: number;
}

/** `|STFT|^power`, shape (bins, frames) row-major float32. */
export function spectrogram(y: ArrayLike<number>, options: SpectrogramOptions = {}): { data: Float32Array; bins: number; frames: number } {
  const power = options.power ?? 1;
  const frames = stftFrameCount(y.length, options);
  const bins = (resolve(options).nFft >> 1) + 1;
  const out = new Float32Array(bins * frames);
  forEachStftFrame(y, options, (t, re, im) => {
    for (let k = 0; k < bins; k++) {
      const p = re[k]! * re[k]! + im[k]! * im[k]!;
      out[k * frames + t] = power === 2 ? p : power === 1 ? Math.sqrt(p) : p ** (power / 2);
    }
  });
  return { data: out, bins, frames };
}
