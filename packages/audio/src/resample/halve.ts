import { besselI0 } from './util.js';

export interface HalfbandDesign {
  /** Passband edge as a fraction of the output Nyquist. */
  passband: number;
  /** Stopband edge as a fraction of the output Nyquist. */
  stopband: number;
  /** Stopband attenuation in dB (sets the Kaiser β and the length). */
  attenuation: number;
}

/**
 * Default design, chosen to approximate libsoxr's 'HQ' recipe for an exact 2:1 decimation (20-bit precision,
 * linear phase, stopband at the output Nyquist): see the package README for the measured distance to soxr_hq.
 */
export const SOXR_HQ_LIKE: HalfbandDesign = { passband: 0.913, stopband: 1, attenuation: 130 };

const cache = new Map<string, Float64Array>();

/** Odd-length linear-phase Kaiser-windowed sinc lowpass for 2:1 decimation (DC gain 1). */
export function halfbandFilter(design: HalfbandDesign = SOXR_HQ_LIKE): Float64Array {
  const key = `${design.passband}/${design.stopband}/${design.attenuation}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const a = design.attenuation;
  const beta = a > 50 ? 0.1102 * (a - 8.7) : a >= 21 ? 0.5842 * (a - 21) ** 0.4 + 0.07886 * (a - 21) : 0;
  // edges in cycles/sample at the input rate: output Nyquist = 0.25
  const fp = 0.25 * design.passband;
  const fs = 0.25 * design.stopband;
  const dw = 2 * Math.PI * (fs - fp);
  let taps = Math.ceil((a - 7.95) / (2.285 * dw)) + 1;
  if (taps % 2 === 0) taps++;
  const fc = (fp + fs) / 2;
  const h = new Float64Array(taps);
  const mid = (taps - 1) / 2;
  const i0b = besselI0(beta);
  let sum = 0;
  for (let i = 0; i < taps; i++) {
    const m = i - mid;
    const sinc = m === 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * m) / (Math.PI * m);
    const r = m / mid;
    h[i] = sinc * (besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / i0b);
    sum += h[i]!;
  }
  for (let i = 0; i < taps; i++) h[i]! /= sum;
  cache.set(key, h);
  return h;
}

/**
 * Decimates by 2 with a zero-phase FIR (zero-padded edges): `y[k] = Σ h[i]·x[2k − i + mid]`, length `ceil(n/2)`.
 * Like librosa's `resample(y, 2, 1, scale=True)`, `scale` multiplies by √2. float64 in and out.
 */
export function halve(x: Float64Array, options: { design?: HalfbandDesign; scale?: boolean } = {}): Float64Array {
  const h = halfbandFilter(options.design);
  const taps = h.length;
  const mid = (taps - 1) >> 1;
  const n = x.length;
  const outLen = (n + 1) >> 1;
  const out = new Float64Array(outLen);
  const gain = options.scale ? Math.SQRT2 : 1;
  for (let k = 0; k < outLen; k++) {
    const c = 2 * k + mid; // x index paired with h[0]
    let i0 = c - (n - 1);
    if (i0 < 0) i0 = 0;
    let i1 = c + 1;
    if (i1 > taps) i1 = taps;
    let acc = 0;
    for (let i = i0; i < i1; i++) {
      const hi = h[i]!;
      if (hi !== 0) acc += hi * x[c - i]!;
    }
    out[k] = acc * gain;
  }
  return out;
}
