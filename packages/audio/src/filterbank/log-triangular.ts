import { ConfigError } from '@mirkit/core';
import type { SparseFilterbank } from './sparse.js';

/** float32 sum in numpy's pairwise order (8 partial sums for 8 ≤ n ≤ 128), as madmom's `np.sum` on float32 filters. */
function numpySumF32(x: Float32Array): number {
  const f = Math.fround;
  const n = x.length;
  if (n < 8) {
    let s = 0;
    for (let i = 0; i < n; i++) s = f(s + x[i]!);
    return s;
  }
  if (n <= 128) {
    const r = [x[0]!, x[1]!, x[2]!, x[3]!, x[4]!, x[5]!, x[6]!, x[7]!];
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) r[j] = f(r[j]! + x[i + j]!);
    let s = f(f(f(r[0]! + r[1]!) + f(r[2]! + r[3]!)) + f(f(r[4]! + r[5]!) + f(r[6]! + r[7]!)));
    for (; i < n; i++) s = f(s + x[i]!);
    return s;
  }
  const half = (n >> 1) - ((n >> 1) % 8);
  return f(numpySumF32(x.subarray(0, half)) + numpySumF32(x.subarray(half)));
}

/** madmom `fft_frequencies(numBins, sr)`: `np.fft.fftfreq(2·numBins, 1/sr)[:numBins]`. */
export function fftFrequencies(numBins: number, sr: number): Float64Array {
  const val = 1 / (2 * numBins * (1 / sr));
  const out = new Float64Array(numBins);
  for (let k = 0; k < numBins; k++) out[k] = k * val;
  return out;
}

/** madmom `log_frequencies(bandsPerOctave, fmin, fmax, fref)`. */
export function logFrequencies(bandsPerOctave: number, fmin: number, fmax: number, fref = 440): number[] {
  const left = Math.floor(Math.log2(fmin / fref) * bandsPerOctave);
  const right = Math.ceil(Math.log2(fmax / fref) * bandsPerOctave);
  const out: number[] = [];
  for (let j = left; j < right; j++) {
    const f = fref * 2 ** (j / bandsPerOctave);
    if (f >= fmin && f <= fmax) out.push(f);
  }
  return out;
}

/** madmom `frequencies2bins(..., unique_bins=True)`: nearest bin (ties to the upper one), sorted and de-duplicated. */
export function frequenciesToBins(freqs: readonly number[], binFreqs: Float64Array): number[] {
  const n = binFreqs.length;
  const bins = new Set<number>();
  for (const f of freqs) {
    let i = 0;
    while (i < n && binFreqs[i]! < f) i++; // searchsorted (left)
    i = Math.min(Math.max(i, 1), n - 1);
    if (f - binFreqs[i - 1]! < binFreqs[i]! - f) i -= 1;
    bins.add(i);
  }
  return [...bins].sort((a, b) => a - b);
}

export interface LogFilterbankOptions {
  /** Number of FFT bins (BeatNet: 705). */
  numBins: number;
  sr: number;
  /** Default 12 (BeatNet uses 24). */
  bandsPerOctave?: number;
  /** Default 30. */
  fmin?: number;
  /** Default 17000. */
  fmax?: number;
  /** Default 440. */
  fref?: number;
  /** Unit-area filters (default true). */
  normFilters?: boolean;
}

/**
 * madmom `LogarithmicFilterbank` (unique bins, overlapping triangles): one triangle per consecutive bin triple,
 * rising `linspace(0, 1, c, endpoint=False)` then falling `linspace(1, 0, L − c, endpoint=False)`, cast to
 * float32 and divided by its float32 sum when `normFilters`. Where triangles of one band overlap, madmom keeps
 * the maximum; with unique bins they never do.
 */
export function logFilterbank(options: LogFilterbankOptions): SparseFilterbank {
  const { numBins, sr, bandsPerOctave = 12, fmin = 30, fmax = 17000, fref = 440, normFilters = true } = options;
  if (!Number.isInteger(numBins) || numBins < 3) throw new ConfigError('ERR_INVALID_OPTION', `numBins should be an integer ≥ 3, but got ${numBins}`);
  const binFreqs = fftFrequencies(numBins, sr);
  const bins = frequenciesToBins(logFrequencies(bandsPerOctave, fmin, fmax, fref), binFreqs);
  if (bins.length < 3) throw new ConfigError('ERR_INVALID_OPTION', `log filterbank has only ${bins.length} bins between ${fmin} and ${fmax} Hz`);
  const starts: number[] = [];
  const weights: Float32Array[] = [];
  for (let i = 0; i + 2 < bins.length; i++) {
    const start = bins[i]!;
    let center = bins[i + 1]!;
    let stop = bins[i + 2]!;
    if (stop - start < 2) {
      center = start;
      stop = start + 1;
    }
    const c = center - start;
    const len = stop - start;
    const w = new Float32Array(len);
    for (let k = 0; k < c; k++) w[k] = k / c;
    for (let k = c; k < len; k++) w[k] = 1 - (k - c) / (len - c);
    if (normFilters) {
      const s = numpySumF32(w);
      for (let k = 0; k < len; k++) w[k] = w[k]! / s;
    }
    starts.push(start);
    weights.push(w);
  }
  return { bins: numBins, starts: Int32Array.from(starts), weights };
}
