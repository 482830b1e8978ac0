import { ConfigError } from '@mirkit/core';
import { sparseFromDense, type SparseFilterbank } from './sparse.js';

const F_SP = 200 / 3;
const MIN_LOG_HZ = 1000;
const MIN_LOG_MEL = MIN_LOG_HZ / F_SP;
const LOG_STEP = Math.log(6.4) / 27;

/** Hz → mel (Slaney's auditory toolbox scale like librosa by default; `htk` uses 2595·log10(1 + f/700)). */
export function hzToMel(f: number, htk = false): number {
  if (htk) return 2595 * Math.log10(1 + f / 700);
  return f >= MIN_LOG_HZ ? MIN_LOG_MEL + Math.log(f / MIN_LOG_HZ) / LOG_STEP : f / F_SP;
}

/** Mel → Hz (inverse of {@link hzToMel}). */
export function melToHz(m: number, htk = false): number {
  if (htk) return 700 * (10 ** (m / 2595) - 1);
  return m >= MIN_LOG_MEL ? MIN_LOG_HZ * Math.exp(LOG_STEP * (m - MIN_LOG_MEL)) : F_SP * m;
}

/** `n` mel-spaced frequencies from `fmin` to `fmax` (librosa `mel_frequencies`). */
export function melFrequencies(n: number, fmin: number, fmax: number, htk = false): Float64Array {
  const lo = hzToMel(fmin, htk);
  const hi = hzToMel(fmax, htk);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = melToHz(n === 1 ? lo : lo + ((hi - lo) * i) / (n - 1), htk);
  return out;
}

export interface MelOptions {
  sr: number;
  nFft: number;
  /** Default 128. */
  nMels?: number;
  /** Default 0. */
  fmin?: number;
  /** Default sr / 2. */
  fmax?: number;
  /** HTK mel scale instead of Slaney's (default false = librosa default; torchaudio's default is true). */
  htk?: boolean;
  /** 'slaney' area normalisation (librosa default) or null (torchaudio default). */
  norm?: 'slaney' | null;
  /**
   * Whose arithmetic to follow: 'librosa' (float64 weights rounded to float32, frequency grid
   * `linspace(0, sr/2, …)`) or 'torchaudio' (`melscale_fbanks`: float32 arithmetic, grid `linspace(0, sr // 2, …)`).
   */
  flavor?: 'librosa' | 'torchaudio';
}

/** Mel filterbank weights, dense (nMels, 1 + nFft/2) float32 — `librosa.filters.mel` / torchaudio `melscale_fbanks`ᵀ. */
export function melFilterbank(options: MelOptions): Float32Array {
  const { sr, nFft, nMels = 128, fmin = 0, fmax = sr / 2, htk = false, norm = 'slaney', flavor = 'librosa' } = options;
  if (!(sr > 0)) throw new ConfigError('ERR_INVALID_OPTION', `sr should be positive, but got ${sr}`);
  if (!Number.isInteger(nMels) || nMels < 1) throw new ConfigError('ERR_INVALID_OPTION', `n_mels should be a positive integer, but got ${nMels}`);
  if (!(fmin >= 0 && fmax > fmin)) throw new ConfigError('ERR_INVALID_OPTION', `need 0 ≤ fmin < fmax, but got fmin=${fmin}, fmax=${fmax}`);
  const bins = (nFft >> 1) + 1;
  const r = flavor === 'torchaudio' ? Math.fround : (x: number) => x;
  const top = flavor === 'torchaudio' ? Math.floor(sr / 2) : sr / 2;
  const freqs = new Float64Array(bins);
  for (let k = 0; k < bins; k++) freqs[k] = r(bins === 1 ? 0 : (top * k) / (bins - 1));
  const melF = melFrequencies(nMels + 2, fmin, fmax, htk).map(r);
  const out = new Float32Array(nMels * bins);
  for (let i = 0; i < nMels; i++) {
    const f0 = melF[i]!;
    const f1 = melF[i + 1]!;
    const f2 = melF[i + 2]!;
    const d0 = r(f1 - f0);
    const d1 = r(f2 - f1);
    const enorm = norm === 'slaney' ? r(2 / r(f2 - f0)) : 1;
    for (let k = 0; k < bins; k++) {
      const lower = r(r(freqs[k]! - f0) / d0);
      const upper = r(r(f2 - freqs[k]!) / d1);
      const w = Math.fround(Math.max(0, Math.min(lower, upper)));
      out[i * bins + k] = w * enorm;
    }
  }
  return out;
}

/** {@link melFilterbank} in sparse form (for {@link applyFilterbank}). */
export function melFilterbankSparse(options: MelOptions): SparseFilterbank {
  const dense = melFilterbank(options);
  return sparseFromDense(dense, options.nMels ?? 128, (options.nFft >> 1) + 1);
}
