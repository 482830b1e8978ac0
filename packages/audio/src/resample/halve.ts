import { ConfigError } from '@mirkit/core';
import { ComplexFft, kernelAvailable } from '../fft/complex-fft.js';
import { besselI0 } from './util.js';

/** A lowpass for 2:1 decimation given by its band edges (Kaiser's formulas pick β and the length). */
export interface HalfbandSpec {
  kind?: 'spec';
  /** Passband edge as a fraction of the output Nyquist. */
  passband: number;
  /** Stopband edge as a fraction of the output Nyquist. */
  stopband: number;
  /** Stopband attenuation in dB. */
  attenuation: number;
}

/** A Kaiser-windowed sinc given directly (libsoxr's `lsx_make_lpf` form). */
export interface KaiserLowpass {
  kind: 'kaiser';
  /** Odd number of taps. */
  taps: number;
  /** 6 dB cut-off in cycles per input sample (output Nyquist = 0.25). */
  cutoff: number;
  beta: number;
  /** Window stretch: the window reaches zero at ±((taps − 1)/2 + rho) (soxr: 0.5 for one phase). */
  rho: number;
}

export type HalfbandDesign = HalfbandSpec | KaiserLowpass;

/**
 * libsoxr's 'HQ' 2:1 decimation filter (what `librosa.resample(..., res_type='soxr_hq')` applies between CQT
 * octaves and what `librosa.load(sr=22050)` applies to 44.1 kHz audio). Its structure is soxr's single-phase
 * Kaiser design (389 taps, ρ = 0.5, linear phase); the cut-off and β were identified by a least-squares fit of
 * soxr 1.1.0 output on the BeatNet fixture (44.1 → 22.05 kHz): the model then reproduces soxr to 1.6e-7 relative,
 * the float32 rounding of the reference.
 */
export const SOXR_HQ_LIKE: KaiserLowpass = { kind: 'kaiser', taps: 389, cutoff: 0.23921795644513813, beta: 13.040040605516216, rho: 0.5 };

const cache = new Map<string, Float64Array>();

function kaiserSinc(taps: number, cutoff: number, beta: number, rho: number): Float64Array {
  const h = new Float64Array(taps);
  const mid = (taps - 1) / 2;
  const i0b = besselI0(beta);
  let sum = 0;
  for (let i = 0; i < taps; i++) {
    const m = i - mid;
    const sinc = m === 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * m) / (Math.PI * m);
    const r = m / (mid + rho);
    h[i] = sinc * (besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / i0b);
    sum += h[i]!;
  }
  for (let i = 0; i < taps; i++) h[i]! /= sum;
  return h;
}

/** Linear-phase lowpass taps (odd length, DC gain 1) for a {@link HalfbandDesign}. */
export function halfbandFilter(design: HalfbandDesign = SOXR_HQ_LIKE): Float64Array {
  const key = JSON.stringify(design);
  const hit = cache.get(key);
  if (hit) return hit;
  let h: Float64Array;
  if (design.kind === 'kaiser') {
    h = kaiserSinc(design.taps, design.cutoff, design.beta, design.rho);
  } else {
    const a = design.attenuation;
    const beta = a > 50 ? 0.1102 * (a - 8.7) : a >= 21 ? 0.5842 * (a - 21) ** 0.4 + 0.07886 * (a - 21) : 0;
    // edges in cycles/sample at the input rate: output Nyquist = 0.25
    const fp = 0.25 * design.passband;
    const fs = 0.25 * design.stopband;
    let taps = Math.ceil((a - 7.95) / (2.285 * 2 * Math.PI * (fs - fp))) + 1;
    if (taps % 2 === 0) taps++;
    h = kaiserSinc(taps, (fp + fs) / 2, beta, 0);
  }
  cache.set(key, h);
  return h;
}

interface OverlapSave {
  size: number;
  /** Complex transform of the block size; `extra[0]`, `extra[1]` hold the filter spectrum, pre-divided by size. */
  fft: ComplexFft;
}

/** Per filter; separate entries for the kernel and the scalar transform (tests can turn the kernel off). */
const osCache = new Map<Float64Array, OverlapSave>();
const osCacheScalar = new Map<Float64Array, OverlapSave>();

function overlapSave(h: Float64Array): OverlapSave {
  const cache = kernelAvailable() ? osCache : osCacheScalar;
  let os = cache.get(h);
  if (os === undefined) {
    let size = 1024;
    while (size < 8 * h.length) size *= 2;
    const fft = new ComplexFft(size, [size, size]);
    const padded = new Float64Array(size);
    padded.set(h);
    fft.transform(padded, new Float64Array(size));
    for (let i = 0; i < size; i++) {
      fft.extra[0]![i] = fft.re[i]! / size;
      fft.extra[1]![i] = fft.im[i]! / size;
    }
    os = { size, fft };
    cache.set(h, os);
  }
  return os;
}

/** Kaiser half-band pre-decimator: 27 taps (7 distinct odd-offset coefficients), β = 10. */
const HALFBAND_BETA = 10;
const HALFBAND_HALF_WIDTH = 14.5;
let halfbandCoefs: Float64Array | undefined;

/**
 * Coefficients c[j] of the half-band pre-stage `y[k] = x[2k]/2 + Σ_j c[j]·(x[2k − 2j − 1] + x[2k + 2j + 1])`
 * (a Kaiser-windowed half-band sinc, scaled to unit DC gain). Like libsoxr, decimation by 2^c runs c − 1 such
 * cheap stages before the main 2:1 filter; their transition band only folds into frequencies the main stage removes.
 */
export function halfbandPrestage(): Float64Array {
  if (halfbandCoefs) return halfbandCoefs;
  const c = new Float64Array(7);
  const i0b = besselI0(HALFBAND_BETA);
  let sum = 0;
  for (let j = 0; j < 7; j++) {
    const m = 2 * j + 1;
    const r = m / HALFBAND_HALF_WIDTH;
    c[j] = (Math.sin((Math.PI * m) / 2) / (Math.PI * m)) * (besselI0(HALFBAND_BETA * Math.sqrt(1 - r * r)) / i0b);
    sum += c[j]!;
  }
  for (let j = 0; j < 7; j++) c[j] = (c[j]! * 0.25) / sum;
  halfbandCoefs = c;
  return c;
}

function halfbandDecimate(x: Float64Array): Float64Array {
  const c = halfbandPrestage();
  const n = x.length;
  const out = new Float64Array((n + 1) >> 1);
  const reach = 2 * c.length - 1;
  for (let k = 0; k < out.length; k++) {
    const p = 2 * k;
    let acc = 0.5 * x[p]!;
    if (p - reach >= 0 && p + reach < n) {
      for (let j = 0; j < c.length; j++) acc += c[j]! * (x[p - 2 * j - 1]! + x[p + 2 * j + 1]!);
    } else {
      for (let j = 0; j < c.length; j++) {
        const a = p - 2 * j - 1;
        const b = p + 2 * j + 1;
        acc += c[j]! * ((a >= 0 ? x[a]! : 0) + (b < n ? x[b]! : 0));
      }
    }
    out[k] = acc;
  }
  return out;
}

/**
 * Decimates by 2 with a zero-phase FIR (zero-padded edges): `y[k] = Σ h[i]·x[2k − i + mid]`, length `ceil(n/2)`.
 * Like librosa's `resample(y, 2, 1, scale=True)`, `scale` multiplies by √2. float64 in and out.
 */
export function halve(x: Float64Array, options: { design?: HalfbandDesign; scale?: boolean } = {}): Float64Array {
  return decimate(x, 2, options);
}

/**
 * Decimates by `factor` (a power of two), as one soxr call would: `log2(factor) − 1` half-band pre-stages, then
 * the main 2:1 filter. Output length `ceil(n / factor)`; `scale` multiplies by √factor (librosa `scale=True`).
 */
export function decimate(x: Float64Array, factor: number, options: { design?: HalfbandDesign; scale?: boolean } = {}): Float64Array {
  if (!Number.isInteger(factor) || factor < 2 || (factor & (factor - 1)) !== 0) {
    throw new ConfigError('ERR_INVALID_OPTION', `decimation factor should be a power of two ≥ 2, but got ${factor}`);
  }
  let y = x;
  for (let f = factor; f > 2; f /= 2) y = halfbandDecimate(y);
  const out = decimate2(y, options.design);
  if (options.scale) {
    const g = Math.sqrt(factor);
    for (let i = 0; i < out.length; i++) out[i]! *= g;
  }
  return out;
}

/** The main 2:1 stage, applied by FFT overlap-save (two signal blocks per complex transform). */
function decimate2(x: Float64Array, design: HalfbandDesign | undefined): Float64Array {
  const factor = 2;
  const gain = 1;
  const h = halfbandFilter(design);
  const taps = h.length;
  const mid = (taps - 1) >> 1;
  const n = x.length;
  const outLen = Math.ceil(n / factor);
  const out = new Float64Array(outLen);
  if (n < 4 * taps) return decimateDirect(x, h, factor, gain, out);
  const { size, fft } = overlapSave(h);
  const step = size - taps + 1; // valid outputs per block
  // full-convolution index j = factor·k + mid; we need j ∈ [mid, mid + factor·(outLen − 1)]
  const jEnd = mid + factor * (outLen - 1) + 1;
  const blockA = fft.inRe;
  const blockB = fft.inIm;
  const convA = fft.re;
  const convB = fft.im;
  // two consecutive blocks per complex transform: block A in the real part, block B in the imaginary part
  for (let j0 = mid; j0 < jEnd; j0 += 2 * step) {
    const j1 = j0 + step;
    for (let i = 0; i < size; i++) {
      const sa = j0 - taps + 1 + i;
      const sb = j1 - taps + 1 + i;
      blockA[i] = sa >= 0 && sa < n ? x[sa]! : 0;
      blockB[i] = sb >= 0 && sb < n ? x[sb]! : 0;
    }
    fft.transform();
    // conjugated product: a forward transform then computes the (scaled, conjugated) inverse
    fft.multiplyConjugateInto(0);
    fft.transform();
    // conv (conjugated) at index taps − 1 + m is the full convolution at j0 + m (real: A, −imag: B)
    for (let m = (((mid - j0) % factor) + factor) % factor; m < step; m += factor) {
      const j = j0 + m;
      if (j >= jEnd) break;
      out[(j - mid) / factor] = convA[taps - 1 + m]! * gain;
    }
    for (let m = (((mid - j1) % factor) + factor) % factor; m < step; m += factor) {
      const j = j1 + m;
      if (j >= jEnd) break;
      out[(j - mid) / factor] = -convB[taps - 1 + m]! * gain;
    }
  }
  return out;
}

function decimateDirect(x: Float64Array, h: Float64Array, factor: number, gain: number, out: Float64Array): Float64Array {
  const taps = h.length;
  const mid = (taps - 1) >> 1;
  const n = x.length;
  for (let k = 0; k < out.length; k++) {
    const c = factor * k + mid; // x index paired with h[0]
    let i0 = c - (n - 1);
    if (i0 < 0) i0 = 0;
    let i1 = c + 1;
    if (i1 > taps) i1 = taps;
    let acc = 0;
    for (let i = i0; i < i1; i++) acc += h[i]! * x[c - i]!;
    out[k] = acc * gain;
  }
  return out;
}
