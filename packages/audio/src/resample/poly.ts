import { checkRate, gcd, besselI0 } from './util.js';

/** scipy `firwin(numtaps, cutoff, window=('kaiser', beta))` lowpass (cutoff relative to Nyquist, DC gain 1). */
export function firwinKaiser(numtaps: number, cutoff: number, beta: number): Float64Array {
  const h = new Float64Array(numtaps);
  const alpha = 0.5 * (numtaps - 1);
  const i0b = besselI0(beta);
  let sum = 0;
  for (let i = 0; i < numtaps; i++) {
    const m = i - alpha;
    const arg = cutoff * m;
    const sinc = arg === 0 ? 1 : Math.sin(Math.PI * arg) / (Math.PI * arg);
    const r = numtaps === 1 ? 0 : (2 * i) / (numtaps - 1) - 1;
    const w = besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / i0b;
    h[i] = cutoff * sinc * w;
    sum += h[i]!;
  }
  for (let i = 0; i < numtaps; i++) h[i]! /= sum;
  return h;
}

/**
 * scipy `resample_poly(x, up, down)` with its default window ('kaiser', 5.0) and `padtype='constant'`:
 * filter `firwin(2·10·max(up,down) + 1, 1/max(up,down)) · up`, applied with upfirdn and trimmed to
 * `ceil(n·up/down)` samples centred on the filter delay. float64 accumulation, float32 output.
 */
export function resamplePoly(x: ArrayLike<number>, up: number, down: number, options: { beta?: number } = {}): Float32Array {
  checkRate('up', up);
  checkRate('down', down);
  const g = gcd(up, down);
  up /= g;
  down /= g;
  if (up === 1 && down === 1) return Float32Array.from(x);
  const nIn = x.length;
  const nOut = Math.floor((nIn * up + down - 1) / down);
  const maxRate = Math.max(up, down);
  const halfLen = 10 * maxRate;
  const h = firwinKaiser(2 * halfLen + 1, 1 / maxRate, options.beta ?? 5);
  for (let i = 0; i < h.length; i++) h[i]! *= up;
  const L = h.length;
  const nPrePad = down - (halfLen % down);
  const nPreRemove = Math.floor((halfLen + nPrePad) / down);
  const xs = x instanceof Float32Array || x instanceof Float64Array ? x : Float32Array.from(x);
  const out = new Float32Array(nOut);
  if (up === 1) decimateSymmetric(xs, h, down, nPreRemove * down - nPrePad, out);
  else polyphase(xs, h, L, up, down, nPreRemove * down - nPrePad, out);
  return out;
}

/**
 * up = 1: y[k] = Σ_j h[j]·x[p − j] with p = k·down + p0. The filter is symmetric (h[j] = h[L−1−j]), so pairs of
 * samples are added before one multiplication; the interior runs without bounds checks.
 */
function decimateSymmetric(x: Float32Array | Float64Array, h: Float64Array, down: number, p0: number, out: Float32Array): void {
  const n = x.length;
  const L = h.length;
  const half = L >> 1; // L is odd: centre tap at `half`
  const hc = h[half]!;
  const nOut = out.length;
  for (let k = 0; k < nOut; k++) {
    const p = k * down + p0; // x index paired with h[0]
    const first = p - (L - 1);
    let acc = 0;
    if (first >= 0 && p < n) {
      // two partial sums break the floating-point add dependency chain
      let acc1 = 0;
      let j = 0;
      for (; j + 1 < half; j += 2) {
        acc += h[j]! * (x[p - j]! + x[first + j]!);
        acc1 += h[j + 1]! * (x[p - j - 1]! + x[first + j + 1]!);
      }
      for (; j < half; j++) acc += h[j]! * (x[p - j]! + x[first + j]!);
      acc += acc1 + hc * x[p - half]!;
    } else {
      for (let j = 0; j < L; j++) {
        const i = p - j;
        if (i >= 0 && i < n) acc += h[j]! * x[i]!;
      }
    }
    out[k] = acc;
  }
}

/** General upfirdn: y[k] = Σ_i x[i]·h[pos − i·up] with pos = k·down + p0. */
function polyphase(x: Float32Array | Float64Array, h: Float64Array, L: number, up: number, down: number, p0: number, out: Float32Array): void {
  const nIn = x.length;
  const nOut = out.length;
  for (let k = 0; k < nOut; k++) {
    const pos = k * down + p0;
    let iLo = Math.ceil((pos - L + 1) / up);
    let iHi = Math.floor(pos / up);
    if (iLo < 0) iLo = 0;
    if (iHi > nIn - 1) iHi = nIn - 1;
    let acc = 0;
    for (let i = iLo, hp = pos - iLo * up; i <= iHi; i++, hp -= up) acc += x[i]! * h[hp]!;
    out[k] = acc;
  }
}
