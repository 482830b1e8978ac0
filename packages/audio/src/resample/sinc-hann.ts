import { instantiateKernel, kernelAvailable, type KernelExports } from '../fft/complex-fft.js';
import { checkRate, gcd } from './util.js';

export interface SincHannOptions {
  /** Zero crossings on each side of the kernel (torchaudio default 6). */
  lowpassFilterWidth?: number;
  /** Cut-off as a fraction of the lower Nyquist (default 0.99). */
  rolloff?: number;
}

interface SincKernel {
  orig: number;
  target: number;
  width: number;
  /** (target, 2·width + orig) float32, row-major. */
  kernel: Float32Array;
  /** First and last+1 non-zero tap of each phase. */
  lo: Int32Array;
  hi: Int32Array;
}

const cache = new Map<string, SincKernel>();

/**
 * torchaudio's `sinc_interp_hann` kernel (`_get_sinc_resample_kernel`, dtype=None): float64 arithmetic with the
 * phase offsets `−j/new` computed in float32, cast to float32; shape (new, 2·width + orig) after the gcd reduction.
 */
export function sincHannKernel(origFreq: number, newFreq: number, options: SincHannOptions = {}): SincKernel {
  const { lowpassFilterWidth = 6, rolloff = 0.99 } = options;
  const g = gcd(origFreq, newFreq);
  const orig = origFreq / g;
  const target = newFreq / g;
  const key = `${orig}/${target}/${lowpassFilterWidth}/${rolloff}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const base = Math.min(orig, target) * rolloff;
  const width = Math.ceil((lowpassFilterWidth * orig) / base);
  const taps = 2 * width + orig;
  const kernel = new Float32Array(target * taps);
  const lo = new Int32Array(target);
  const hi = new Int32Array(target);
  const scale = base / orig;
  for (let j = 0; j < target; j++) {
    const phase = Math.fround(-j / target);
    let first = -1;
    let last = -1;
    for (let m = 0; m < taps; m++) {
      const idx = (m - width) / orig;
      let t = (phase + idx) * base;
      if (t < -lowpassFilterWidth) t = -lowpassFilterWidth;
      else if (t > lowpassFilterWidth) t = lowpassFilterWidth;
      const c = Math.cos((t * Math.PI) / lowpassFilterWidth / 2);
      const window = c * c;
      const tp = t * Math.PI;
      const sinc = tp === 0 ? 1 : Math.sin(tp) / tp;
      const v = Math.fround(sinc * (window * scale));
      kernel[j * taps + m] = v;
      if (v !== 0) {
        if (first < 0) first = m;
        last = m;
      }
    }
    lo[j] = first < 0 ? 0 : first;
    hi[j] = last + 1;
  }
  const result = { orig, target, width, kernel, lo, hi };
  cache.set(key, result);
  return result;
}

/** Output length of {@link resampleSincHann}: `ceil(new · n / orig)` after the gcd reduction. */
export function sincHannOutputLength(n: number, origFreq: number, newFreq: number): number {
  const g = gcd(origFreq, newFreq);
  const orig = origFreq / g;
  const target = newFreq / g;
  return Math.floor((target * n + orig - 1) / orig);
}

/**
 * `torchaudio.functional.resample` / `transforms.Resample` with the Hann-windowed sinc (defaults: width 6,
 * rolloff 0.99): zero-pad by (width, width + orig), strided correlation with each phase row, interleave,
 * keep `ceil(new·n/orig)` samples. Accumulates in float64; float32 output. Kernel taps that are exactly zero in
 * float32 (outside ±width zero crossings) are skipped.
 */
export function resampleSincHann(x: ArrayLike<number>, origFreq: number, newFreq: number, options: SincHannOptions = {}): Float32Array {
  checkRate('orig_freq', origFreq);
  checkRate('new_freq', newFreq);
  if (origFreq === newFreq) return Float32Array.from(x);
  const k = sincHannKernel(origFreq, newFreq, options);
  const { orig, target, width } = k;
  const n = x.length;
  const taps = 2 * width + orig;
  const outLen = sincHannOutputLength(n, origFreq, newFreq);
  const out = new Float32Array(outLen);
  const xs = x instanceof Float32Array || x instanceof Float64Array ? x : Float32Array.from(x);
  // frames f (outputs f·target … f·target + target − 1) whose taps lie inside x: f·orig − width ≥ 0 and
  // f·orig − width + taps ≤ n; those go to the WebAssembly kernel for float32 input, the edges stay here
  const fullFrames = Math.floor(outLen / target);
  const fA = Math.min(fullFrames, Math.ceil(width / orig));
  const fB = Math.max(fA, Math.min(fullFrames, Math.floor((n + width - taps) / orig) + 1));
  if (xs instanceof Float32Array && fB - fA >= 16 && convolveKernel(xs, k, fA, fB, out)) {
    convolvePhases(xs, k, out, 0, fA);
    convolvePhases(xs, k, out, fB, Infinity);
  } else {
    convolvePhases(xs, k, out, 0, Infinity);
  }
  return out;
}

/** Frames of input per kernel call (bounds the kernel memory for long signals). */
const KERNEL_BLOCK_FRAMES = 512;

interface SincPlan {
  k: KernelExports;
  xView: Float32Array;
  outView: Float32Array;
  at: { k: number; lo: number; hi: number; x: number; out: number };
}

/** Kernel instances with the phase filters loaded, per (cached) filter. */
const sincPlans = new WeakMap<SincKernel, SincPlan>();

function sincPlan(sk: SincKernel): SincPlan | undefined {
  const hit = sincPlans.get(sk);
  if (hit !== undefined) return hit;
  const { orig, target, width, kernel, lo, hi } = sk;
  const inLen = (KERNEL_BLOCK_FRAMES - 1) * orig + 2 * width + orig;
  // byte layout: kernel taps, lo, hi, input block, output block (all 4-byte values, 16-byte aligned)
  const align = (v: number) => Math.ceil(v / 4) * 4;
  const at = { k: 0, lo: 4 * align(kernel.length), hi: 0, x: 0, out: 0 };
  at.hi = at.lo + 4 * align(target);
  at.x = at.hi + 4 * align(target);
  at.out = at.x + 4 * align(inLen + 2);
  const k = instantiateKernel(at.out + 4 * align(KERNEL_BLOCK_FRAMES * target));
  if (k === undefined) return undefined;
  const mem = k.memory.buffer;
  new Float32Array(mem, at.k, kernel.length).set(kernel);
  new Int32Array(mem, at.lo, target).set(lo);
  new Int32Array(mem, at.hi, target).set(hi);
  const plan = { k, xView: new Float32Array(mem, at.x, inLen), outView: new Float32Array(mem, at.out, KERNEL_BLOCK_FRAMES * target), at };
  sincPlans.set(sk, plan);
  return plan;
}

/** Frames [fA, fB) (all taps inside x) in the WebAssembly kernel; false where it is unavailable. */
function convolveKernel(x: Float32Array, sk: SincKernel, fA: number, fB: number, out: Float32Array): boolean {
  const plan = kernelAvailable() ? sincPlan(sk) : undefined;
  if (plan === undefined) return false;
  const { k, xView, outView, at } = plan;
  const { orig, target, width } = sk;
  const taps = 2 * width + orig;
  for (let f0 = fA; f0 < fB; f0 += KERNEL_BLOCK_FRAMES) {
    const count = Math.min(KERNEL_BLOCK_FRAMES, fB - f0);
    const start = f0 * orig - width;
    xView.set(x.subarray(start, start + (count - 1) * orig + taps));
    k.sinc(at.x, count, orig, target, taps, at.k, at.lo, at.hi, at.out);
    out.set(outView.subarray(0, count * target), f0 * target);
  }
  return true;
}

/** Outputs of frames [fFrom, fTo) with the taps clipped to x (the edges, or everything without the kernel). */
function convolvePhases(x: Float32Array | Float64Array, sk: SincKernel, out: Float32Array, fFrom: number, fTo: number): void {
  const { orig, target, width, kernel, lo, hi } = sk;
  const taps = 2 * width + orig;
  const n = x.length;
  const outLen = out.length;
  for (let f = fFrom, o = fFrom * target; o < outLen && f < fTo; f++) {
    const base = f * orig - width; // index into x of tap 0
    for (let j = 0; j < target && o < outLen; j++, o++) {
      const row = j * taps;
      let m0 = lo[j]!;
      let m1 = hi[j]!;
      if (base + m0 < 0) m0 = -base;
      if (base + m1 > n) m1 = n - base;
      // four partial sums break the floating-point add dependency chain
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      let m = m0;
      const xo = base;
      for (; m + 3 < m1; m += 4) {
        a0 += x[xo + m]! * kernel[row + m]!;
        a1 += x[xo + m + 1]! * kernel[row + m + 1]!;
        a2 += x[xo + m + 2]! * kernel[row + m + 2]!;
        a3 += x[xo + m + 3]! * kernel[row + m + 3]!;
      }
      for (; m < m1; m++) a0 += x[xo + m]! * kernel[row + m]!;
      out[o] = a0 + a1 + (a2 + a3);
    }
  }
}
