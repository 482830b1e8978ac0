import { ConfigError } from '@mirkit/core';
import { kernelAvailable } from '../fft/complex-fft.js';
import { copyPadded, packedPlan, type PackedPlan } from '../fft/power-frames.js';
import { RealTransform } from '../fft/real-fft.js';
import { decimate, halve, type HalfbandDesign } from '../resample/halve.js';

/** librosa's equivalent noise bandwidth of the Hann window (`WINDOW_BANDWIDTHS['hann']`). */
const HANN_BANDWIDTH = 1.50018310546875;
/** librosa `BW_FASTEST` (kaiser_fast rolloff), used to decide early downsampling. */
const BW_FASTEST = 0.85;

export interface CqtOptions {
  sr: number;
  /** Default 512. */
  hopLength?: number;
  /** Default 32.70319566257483 (C1). */
  fmin?: number;
  /** Default 84. */
  nBins?: number;
  /** Default 12. */
  binsPerOctave?: number;
  /** Tuning offset in fractions of a bin (default 0). */
  tuning?: number;
  /** Default 1. */
  filterScale?: number;
  /** Default 0.01 (librosa `sparsity`). */
  sparsity?: number;
  /** Divide each bin by √(filter length) (default true). */
  scale?: boolean;
  /** Halving filter used between octaves (default: the soxr_hq-like design). */
  halfband?: HalfbandDesign;
}

/** `librosa.cqt_frequencies`: `fmin · 2^(k / binsPerOctave)`. */
export function cqtFrequencies(nBins: number, fmin: number, binsPerOctave = 12): Float64Array {
  const out = new Float64Array(nBins);
  for (let k = 0; k < nBins; k++) out[k] = fmin * 2 ** (k / binsPerOctave);
  return out;
}

/** librosa `_relative_bandwidth`: per-bin α from the local log-frequency spacing. */
function relativeBandwidth(freqs: Float64Array): Float64Array {
  const n = freqs.length;
  const logf = Array.from(freqs, Math.log2);
  const alpha = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const bpo = i === 0 ? 1 / (logf[1]! - logf[0]!) : i === n - 1 ? 1 / (logf[n - 1]! - logf[n - 2]!) : 2 / (logf[i + 1]! - logf[i - 1]!);
    const r = 2 ** (2 / bpo);
    alpha[i] = (r - 1) / (r + 1);
  }
  return alpha;
}

interface OctaveBasis {
  nFft: number;
  /** Per bin: first FFT bin and complex weights (interleaved re, im) of its sparse support. */
  starts: Int32Array;
  weights: Float64Array[];
}

/**
 * One octave of librosa's `__vqt_filter_fft`: Hann-windowed complex exponentials of length `Q·sr/f` (L1-normalised,
 * complex64), centred in a power-of-two frame, scaled by `length / nFft`, FFT'd, then sparsified (drop the smallest
 * magnitudes holding `sparsity` of each row's L1 mass), times `rescale`.
 */
function octaveBasis(sr: number, freqs: Float64Array, alpha: Float64Array, filterScale: number, sparsity: number, rescale: number): OctaveBasis {
  const n = freqs.length;
  const lengths = new Float64Array(n);
  let maxLen = 0;
  for (let i = 0; i < n; i++) {
    lengths[i] = ((filterScale / alpha[i]!) * sr) / freqs[i]!;
    maxLen = Math.max(maxLen, lengths[i]!);
  }
  const nFft = 2 ** Math.ceil(Math.log2(maxLen));
  const fft = new RealTransform(nFft);
  const bufRe = new Float64Array(nFft);
  const bufIm = new Float64Array(nFft);
  const outRe = new Float64Array(fft.bins);
  const outIm = new Float64Array(fft.bins);
  const imRe = new Float64Array(fft.bins);
  const imIm = new Float64Array(fft.bins);
  const half = (nFft >> 1) + 1;
  const starts = new Int32Array(n);
  const weights: Float64Array[] = [];
  const f = Math.fround;
  for (let b = 0; b < n; b++) {
    const ilen = lengths[b]!;
    const lo = Math.floor(-ilen / 2);
    const hi = Math.floor(ilen / 2);
    const len = Math.ceil(hi - lo);
    const sigRe = new Float64Array(len);
    const sigIm = new Float64Array(len);
    let l1 = 0;
    for (let i = 0; i < len; i++) {
      const ang = ((lo + i) * 2 * Math.PI * freqs[b]!) / sr;
      const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / len);
      sigRe[i] = Math.cos(ang) * w;
      sigIm[i] = Math.sin(ang) * w;
      l1 += Math.hypot(sigRe[i]!, sigIm[i]!);
    }
    bufRe.fill(0);
    bufIm.fill(0);
    const pad = (nFft - len) >> 1;
    const s = ilen / nFft;
    for (let i = 0; i < len; i++) {
      // complex64 filter, then `*= lengths / n_fft` in complex64
      bufRe[pad + i] = f(f(sigRe[i]! / l1) * s);
      bufIm[pad + i] = f(f(sigIm[i]! / l1) * s);
    }
    // complex FFT of (re + i·im) from two real FFTs
    fft.forward2(bufRe, bufIm, outRe, outIm, imRe, imIm);
    const specRe = new Float64Array(half);
    const specIm = new Float64Array(half);
    const mags = new Float64Array(half);
    let norm = 0;
    for (let k = 0; k < half; k++) {
      specRe[k] = outRe[k]! - imIm[k]!;
      specIm[k] = outIm[k]! + imRe[k]!;
      mags[k] = Math.hypot(specRe[k]!, specIm[k]!);
      norm += mags[k]!;
    }
    // sparsify_rows: threshold = smallest magnitude at which the sorted cumulative mass reaches `sparsity`
    const sorted = Float64Array.from(mags).sort();
    let cum = 0;
    let thr = sorted[0]!;
    for (let k = 0; k < half; k++) {
      cum += sorted[k]! / norm;
      if (!(cum < sparsity)) {
        thr = sorted[k]!;
        break;
      }
    }
    let k0 = 0;
    while (k0 < half && mags[k0]! < thr) k0++;
    let k1 = half;
    while (k1 > k0 && mags[k1 - 1]! < thr) k1--;
    const w = new Float64Array(2 * (k1 - k0));
    for (let k = k0; k < k1; k++) {
      if (mags[k]! >= thr) {
        w[2 * (k - k0)] = f(specRe[k]!) * rescale;
        w[2 * (k - k0) + 1] = f(specIm[k]!) * rescale;
      }
    }
    starts[b] = k0;
    weights.push(w);
  }
  return { nFft, starts, weights };
}

/** Signal samples per kernel block (bounds the kernel memory held by each cached plan). */
const KERNEL_BLOCK_SAMPLES = 1 << 15;

/**
 * {@link octaveResponse} in the WebAssembly kernel (`cqtFrames`: packed real FFT, complex64 spectrum, sparse
 * complex projection, magnitude), same operations in the same order; false where the kernel is unavailable.
 */
interface KernelPlan {
  packed: PackedPlan;
  perBlock: number;
}

/** Kernel plans per octave basis and hop (twiddles, permuted offsets, weights already in kernel memory). */
const planCache = new WeakMap<OctaveBasis, Map<number, KernelPlan | null>>();

function kernelPlan(basis: OctaveBasis, hop: number): KernelPlan | null {
  let byHop = planCache.get(basis);
  if (byHop === undefined) {
    byHop = new Map();
    planCache.set(basis, byHop);
  }
  let plan = byHop.get(hop);
  if (plan !== undefined) return plan;
  const { nFft, starts, weights } = basis;
  const bands = weights.length;
  const lengths = Int32Array.from(weights, (w) => w.length >> 1);
  const flat = new Float64Array(weights.reduce((a, w) => a + w.length, 0));
  for (let b = 0, at = 0; b < bands; b++) {
    flat.set(weights[b]!, at);
    at += weights[b]!.length;
  }
  const perBlock = Math.max(1, Math.floor(Math.max(0, KERNEL_BLOCK_SAMPLES - nFft) / hop) + 1);
  const packed = packedPlan(nFft, undefined, { bands, starts, lengths, weights: flat }, (perBlock - 1) * hop + nFft, perBlock * bands);
  plan = packed === undefined ? null : { packed, perBlock };
  byHop.set(hop, plan);
  return plan;
}

function octaveResponseKernel(y: Float64Array, hop: number, basis: OctaveBasis, out: Float64Array, rowOffset: number, frames: number): boolean {
  if (!kernelAvailable()) return false;
  const plan = kernelPlan(basis, hop);
  if (plan === null) return false;
  const { perBlock } = plan;
  const { fft, block, rows, at } = plan.packed;
  const kernel = fft.kernel!;
  const { nFft } = basis;
  const h = nFft >> 1;
  const bands = basis.weights.length;
  const { re, im, tw, m } = fft.layout;
  for (let t0 = 0; t0 < frames; t0 += perBlock) {
    const count = Math.min(perBlock, frames - t0);
    copyPadded(block, y, t0 * hop - h, (count - 1) * hop + nFft);
    kernel.cqtFrames(
      count, at.y, 8 * hop, re, im, at.off, at.wr, at.wi, h, fft.firstRadix2 ? 1 : 0, tw, m, at.cs, at.sn, at.specRe, at.specIm,
      at.bands, at.bands + 4 * bands, at.weights, at.rows, bands,
    );
    for (let bin = 0; bin < bands; bin++) {
      const dst = (rowOffset + bin) * frames + t0;
      for (let i = 0; i < count; i++) out[dst + i] = rows[i * bands + bin]!;
    }
  }
  return true;
}

/** |basis · STFT(y)| for one octave (rectangular window, centred, zero padded): (bins, frames) into `out` rows. */
function octaveResponse(y: Float64Array, hop: number, basis: OctaveBasis, out: Float64Array, rowOffset: number, frames: number): void {
  if (octaveResponseKernel(y, hop, basis, out, rowOffset, frames)) return;
  const { nFft, starts, weights } = basis;
  const fft = new RealTransform(nFft);
  const frameA = new Float64Array(nFft);
  const frameB = new Float64Array(nFft);
  const reA = new Float64Array(fft.bins);
  const imA = new Float64Array(fft.bins);
  const reB = new Float64Array(fft.bins);
  const imB = new Float64Array(fft.bins);
  const n = y.length;
  const half = nFft >> 1;
  const fill = (t: number, frame: Float64Array) => {
    const start = t * hop - half;
    if (start >= 0 && start + nFft <= n) frame.set(y.subarray(start, start + nFft));
    else for (let i = 0; i < nFft; i++) frame[i] = start + i >= 0 && start + i < n ? y[start + i]! : 0;
  };
  const project = (t: number, re: Float64Array, im: Float64Array) => {
    for (let b = 0; b < weights.length; b++) {
      const w = weights[b]!;
      let k = starts[b]!;
      let ar = 0;
      let ai = 0;
      for (let j = 0; j < w.length; j += 2, k++) {
        const wr = w[j]!;
        const wi = w[j + 1]!;
        // STFT values are complex64 in librosa
        const xr = Math.fround(re[k]!);
        const xi = Math.fround(im[k]!);
        ar += wr * xr - wi * xi;
        ai += wr * xi + wi * xr;
      }
      out[(rowOffset + b) * frames + t] = Math.hypot(ar, ai);
    }
  };
  for (let t = 0; t < frames; t += 2) {
    fill(t, frameA);
    if (t + 1 < frames) {
      fill(t + 1, frameB);
      fft.forward2(frameA, frameB, reA, imA, reB, imB);
      project(t, reA, imA);
      project(t + 1, reB, imB);
    } else {
      fft.forward(frameA, reA, imA);
      project(t, reA, imA);
    }
  }
}

function countTwos(n: number): number {
  let k = 0;
  while (n > 0 && n % 2 === 0) {
    n /= 2;
    k++;
  }
  return k;
}

/** Lazily computed decimation pyramid: level k = k successive scaled 2:1 decimations of the input. */
class Pyramid {
  readonly #levels: Float64Array[];
  readonly #design: HalfbandDesign | undefined;
  constructor(y: ArrayLike<number>, design: HalfbandDesign | undefined) {
    this.#levels = [y instanceof Float64Array ? y : Float64Array.from(y)];
    this.#design = design;
  }
  readonly #early = new Map<number, Pyramid>();
  level(k: number): Float64Array {
    while (this.#levels.length <= k) {
      const prev = this.#levels[this.#levels.length - 1]!;
      this.#levels.push(halve(prev, { scale: true, ...(this.#design ? { design: this.#design } : {}) }));
    }
    return this.#levels[k]!;
  }
  /**
   * The pyramid of the signal early-downsampled by 2^count in one step (librosa calls soxr once with ratio
   * 2^count), shared by the harmonics that need the same count.
   */
  early(count: number): Pyramid {
    if (count === 0) return this;
    let p = this.#early.get(count);
    if (p === undefined) {
      const y = decimate(this.level(0), 2 ** count, { scale: true, ...(this.#design ? { design: this.#design } : {}) });
      p = new Pyramid(y, this.#design);
      this.#early.set(count, p);
    }
    return p;
  }
}

const basisCache = new Map<string, OctaveBasis>();
const BASIS_CACHE_LIMIT = 256;

function cachedOctaveBasis(sr: number, freqs: Float64Array, alpha: Float64Array, filterScale: number, sparsity: number, rescale: number): OctaveBasis {
  const key = `${sr}|${freqs.join(',')}|${filterScale}|${sparsity}|${rescale}`;
  let basis = basisCache.get(key);
  if (basis === undefined) {
    basis = octaveBasis(sr, freqs, alpha, filterScale, sparsity, rescale);
    if (basisCache.size >= BASIS_CACHE_LIMIT) basisCache.delete(basisCache.keys().next().value!);
    basisCache.set(key, basis);
  }
  return basis;
}

export interface CqtResult {
  /** |CQT|, (nBins, frames) row-major float32. */
  data: Float32Array;
  nBins: number;
  frames: number;
  /** Centre frequencies (`fmin · 2^(k/bpo)` after tuning). */
  frequencies: Float64Array;
}

/**
 * Magnitude constant-Q transform following `librosa.cqt` (0.10/0.11): per-octave FFT filter bases with
 * sparsification, early downsampling when the filters allow it, recursive 2:1 decimation between octaves (scaled
 * by √2, like `resample(..., scale=True)`) and the final `1/√length` scaling. The decimator is a
 * soxr_hq-like linear-phase FIR, not libsoxr itself (see the README for the measured difference).
 */
export function cqt(y: ArrayLike<number>, options: CqtOptions): CqtResult {
  return cqtFromPyramid(new Pyramid(y, options.halfband), y.length, options);
}

function cqtFromPyramid(pyramid: Pyramid, length: number, options: CqtOptions): CqtResult {
  const { sr, hopLength = 512, fmin = 32.70319566257483, nBins = 84, binsPerOctave = 12, tuning = 0, filterScale = 1, sparsity = 0.01, scale = true } =
    options;
  if (!(sr > 0)) throw new ConfigError('ERR_INVALID_OPTION', `sr should be positive, but got ${sr}`);
  if (!Number.isInteger(hopLength) || hopLength < 1) throw new ConfigError('ERR_INVALID_OPTION', `hop_length should be a positive integer, but got ${hopLength}`);
  if (!Number.isInteger(nBins) || nBins < 2) throw new ConfigError('ERR_INVALID_OPTION', `n_bins should be an integer ≥ 2, but got ${nBins}`);
  if (!(fmin > 0)) throw new ConfigError('ERR_INVALID_OPTION', `fmin should be positive, but got ${fmin}`);
  const nOctaves = Math.ceil(nBins / binsPerOctave);
  const nFilters = Math.min(binsPerOctave, nBins);
  const fmin0 = fmin * 2 ** (tuning / binsPerOctave);
  const freqs = cqtFrequencies(nBins, fmin0, binsPerOctave);
  const alpha = relativeBandwidth(freqs);
  let cutoff = 0;
  for (let i = 0; i < nBins; i++) cutoff = Math.max(cutoff, freqs[i]! * (1 + (0.5 * HANN_BANDWIDTH * alpha[i]!) / filterScale));
  const nyquist = sr / 2;
  if (cutoff > nyquist) {
    throw new ConfigError('ERR_INVALID_OPTION', `CQT filter cut-off ${cutoff.toFixed(1)} Hz is above Nyquist ${nyquist} Hz; lower fmin or n_bins`);
  }
  const frames = 1 + Math.floor(length / hopLength);
  let curSr = sr;
  let hop = hopLength;
  // early downsampling (librosa __early_downsample)
  const count1 = Math.max(0, Math.ceil(Math.log2((BW_FASTEST * nyquist) / cutoff)) - 1 - 1);
  const count2 = Math.max(0, countTwos(hopLength) - nOctaves + 1);
  const early = Math.min(count1, count2);
  const octavePyramid = pyramid.early(early);
  let level = 0;
  if (early > 0) {
    hop = hopLength / 2 ** early;
    curSr = sr / 2 ** early;
  }
  const baseSr = curSr;
  const mags = new Float64Array(nBins * frames);
  let mySr = curSr;
  let myHop = hop;
  let my = octavePyramid.level(level);
  for (let oct = 0; oct < nOctaves; oct++) {
    const hiBin = nBins - oct * nFilters;
    const loBin = Math.max(0, hiBin - nFilters);
    if (hiBin <= 0) break;
    const octFreqs = freqs.subarray(loBin, hiBin);
    const basis = cachedOctaveBasis(mySr, octFreqs, alpha.subarray(loBin, hiBin), filterScale, sparsity, Math.sqrt(baseSr / mySr));
    const octFrames = Math.min(frames, 1 + Math.floor(my.length / myHop));
    if (octFrames < frames) throw new ConfigError('ERR_INVALID_OPTION', `signal too short for ${nOctaves} CQT octaves at hop ${hopLength}`);
    octaveResponse(my, myHop, basis, mags, loBin, frames);
    if (myHop % 2 === 0 && oct + 1 < nOctaves) {
      myHop /= 2;
      mySr /= 2;
      level++;
      my = octavePyramid.level(level);
    }
  }
  const data = new Float32Array(nBins * frames);
  for (let b = 0; b < nBins; b++) {
    const norm = scale ? 1 / Math.sqrt(((filterScale / alpha[b]!) * baseSr) / freqs[b]!) : 1;
    for (let t = 0; t < frames; t++) data[b * frames + t] = mags[b * frames + t]! * norm;
  }
  return { data, nBins, frames, frequencies: freqs };
}

export interface HcqtOptions extends Omit<CqtOptions, 'fmin'> {
  /** Base fmin (default 32.7). */
  fmin?: number;
  /** Harmonics (default [0.5, 1, 2, 3, 4, 5]). */
  harmonics?: readonly number[];
}

/**
 * Harmonic CQT as the DL101 tutorial computes it: `|cqt(y, fmin = h·fmin)|` per harmonic, stacked (H, nBins, T);
 * `frequencies` is the h = 1 grid.
 */
export function hcqt(y: ArrayLike<number>, options: HcqtOptions): { data: Float32Array; harmonics: number; nBins: number; frames: number; frequencies: Float64Array } {
  const { harmonics = [0.5, 1, 2, 3, 4, 5], fmin = 32.7 } = options;
  if (harmonics.length === 0) throw new ConfigError('ERR_INVALID_OPTION', 'harmonics should not be empty');
  // every harmonic decimates the same signal: share one pyramid
  const pyramid = new Pyramid(y, options.halfband);
  const parts = harmonics.map((h) => cqtFromPyramid(pyramid, y.length, { ...options, fmin: h * fmin }));
  const { nBins, frames } = parts[0]!;
  const data = new Float32Array(harmonics.length * nBins * frames);
  parts.forEach((p, i) => data.set(p.data, i * nBins * frames));
  return { data, harmonics: harmonics.length, nBins, frames, frequencies: cqtFrequencies(nBins, fmin, options.binsPerOctave ?? 12) };
}
