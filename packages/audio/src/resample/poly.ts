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
 * samples are added before one multiplication. The windowed sinc crosses zero at every multiple of `down` taps
 * from the centre; those taps are rounding noise (|h| ~ 1e-17, from `sin(π·k)`), so only the pairs above
 * 1e-12·max|h| are kept (for 1/2: 10 of 20 pairs). The interior runs without bounds checks.
 */
function decimateSymmetric(x: Float32Array | Float64Array, h: Float64Array, down: number, p0: number, out: Float32Array): void {
  const n = x.length;
  const L = h.length;
  const half = L >> 1; // L is odd: centre tap at `half`
  const hc = h[half]!;
  let peak = Math.abs(hc);
  for (let j = 0; j < L; j++) peak = Math.max(peak, Math.abs(h[j]!));
  // kept pairs: coefficient and distance from the centre
  const coefs: number[] = [];
  const dists: number[] = [];
  for (let j = half - 1; j >= 0; j--) {
    if (Math.abs(h[j]!) > 1e-12 * peak) {
      coefs.push(h[j]!);
      dists.push(half - j);
    }
  }
  const pc = Float64Array.from(coefs);
  const pd = Int32Array.from(dists);
  const np = pc.length;
  const nOut = out.length;
  // interior outputs: k ∈ [kLo, kHi)
  const kLo = Math.min(nOut, Math.max(0, Math.ceil((L - 1 - p0) / down)));
  const kHi = Math.max(kLo, Math.min(nOut, Math.ceil((n - p0) / down)));
  if (kHi > kLo) {
    if (np <= 10) upTo10Pairs(x, pc, pd, hc, down, p0 - half, kLo, kHi, out);
    else interiorPairs(x, pc, pd, hc, down, p0 - half, kLo, kHi, out);
  }
  edges(x, h, down, p0, out, 0, kLo);
  edges(x, h, down, p0, out, Math.max(kLo, kHi), nOut);
}

/** Interior outputs k ∈ [kLo, kHi) (all taps inside x) from the kept symmetric pairs, any number of them. */
function interiorPairs(x: Float32Array | Float64Array, pc: Float64Array, pd: Int32Array, hc: number, down: number, c0: number, kLo: number, kHi: number, out: Float32Array): void {
  const np = pc.length;
  for (let k = kLo; k < kHi; k++) {
    const c = k * down + c0;
    // two partial sums break the floating-point add dependency chain
    let acc = 0;
    let acc1 = 0;
    let q = 0;
    for (; q + 1 < np; q += 2) {
      const d0 = pd[q]!;
      const d1 = pd[q + 1]!;
      acc += pc[q]! * (x[c - d0]! + x[c + d0]!);
      acc1 += pc[q + 1]! * (x[c - d1]! + x[c + d1]!);
    }
    if (q < np) acc += pc[q]! * (x[c - pd[q]!]! + x[c + pd[q]!]!);
    out[k] = acc + acc1 + hc * x[c]!;
  }
}

/** Outputs k ∈ [k0, k1) by the full filter with bounds checks (the edges, where taps fall outside x). */
function edges(x: Float32Array | Float64Array, h: Float64Array, down: number, p0: number, out: Float32Array, k0: number, k1: number): void {
  const n = x.length;
  const L = h.length;
  for (let k = k0; k < k1; k++) {
    const p = k * down + p0;
    let acc = 0;
    for (let j = 0; j < L; j++) {
      const i = p - j;
      if (i >= 0 && i < n) acc += h[j]! * x[i]!;
    }
    out[k] = acc;
  }
}

/**
 * Interior of {@link decimateSymmetric} for at most 10 kept pairs (scipy's 1/2 filter has exactly 10), with the
 * coefficients and distances held in locals (missing pairs get coefficient 0).
 */
function upTo10Pairs(x: Float32Array | Float64Array, pc: Float64Array, pd: Int32Array, hc: number, down: number, c0: number, kLo: number, kHi: number, out: Float32Array): void {
  const h = new Float64Array(10);
  const d = new Int32Array(10);
  h.set(pc);
  d.set(pd);
  const h0 = h[0]!, h1 = h[1]!, h2 = h[2]!, h3 = h[3]!, h4 = h[4]!, h5 = h[5]!, h6 = h[6]!, h7 = h[7]!, h8 = h[8]!, h9 = h[9]!;
  const d0 = d[0]!, d1 = d[1]!, d2 = d[2]!, d3 = d[3]!, d4 = d[4]!, d5 = d[5]!, d6 = d[6]!, d7 = d[7]!, d8 = d[8]!, d9 = d[9]!;
  for (let k = kLo; k < kHi; k++) {
    const c = k * down + c0;
    const a =
      h0 * (x[c - d0]! + x[c + d0]!) +
      h1 * (x[c - d1]! + x[c + d1]!) +
      h2 * (x[c - d2]! + x[c + d2]!) +
      h3 * (x[c - d3]! + x[c + d3]!) +
      h4 * (x[c - d4]! + x[c + d4]!);
    const b =
      h5 * (x[c - d5]! + x[c + d5]!) +
      h6 * (x[c - d6]! + x[c + d6]!) +
      h7 * (x[c - d7]! + x[c + d7]!) +
      h8 * (x[c - d8]! + x[c + d8]!) +
      h9 * (x[c - d9]! + x[c + d9]!);
    out[k] = a + b + hc * x[c]!;
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
