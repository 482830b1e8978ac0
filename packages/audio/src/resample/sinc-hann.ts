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
  const { orig, target, width, kernel, lo, hi } = sincHannKernel(origFreq, newFreq, options);
  const n = x.length;
  const taps = 2 * width + orig;
  const outLen = sincHannOutputLength(n, origFreq, newFreq);
  const out = new Float32Array(outLen);
  const xs = x instanceof Float32Array || x instanceof Float64Array ? x : Float32Array.from(x);
  convolvePhases(xs, n, orig, target, width, taps, kernel, lo, hi, out);
  return out;
}

function convolvePhases(
  x: Float32Array | Float64Array,
  n: number,
  orig: number,
  target: number,
  width: number,
  taps: number,
  kernel: Float32Array,
  lo: Int32Array,
  hi: Int32Array,
  out: Float32Array,
): void {
  const outLen = out.length;
  for (let f = 0, o = 0; o < outLen; f++) {
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
