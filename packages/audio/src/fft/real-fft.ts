import { ConfigError } from '@mirkit/core';
import { ComplexFft } from './complex-fft.js';

function isPowerOfTwo(n: number): boolean {
  return n >= 2 && (n & (n - 1)) === 0;
}

/**
 * Forward DFT of a real signal of any length `n` (float64): bins `0 … floor(n/2)`. Powers of two run one complex
 * FFT of size n/2 on the even/odd samples (`z = x[2m] + i·x[2m+1]`) and untangle the halves; other sizes
 * (BeatNet's 1411) use Bluestein's chirp-z algorithm over a 2^k or 3·2^k complex transform of size ≥ 2n − 1,
 * with the chirp and its spectrum precomputed. The complex transforms are {@link ComplexFft} (WebAssembly SIMD).
 * Internal: the package's frame loops use its windowed/packed entry points; the public class is {@link RealFft}.
 */
export class RealTransform {
  readonly size: number;
  readonly bins: number;
  /** Power of two: the half-size transform and the untangling twiddles exp(−2πik/n). */
  readonly #half: ComplexFft | undefined;
  readonly #cos: Float64Array | undefined;
  readonly #sin: Float64Array | undefined;
  // Bluestein state: transform of size m with extra[0], extra[1] = chirp spectrum (÷ m)
  readonly #blue: ComplexFft | undefined;
  readonly #chirpRe: Float64Array | undefined;
  readonly #chirpIm: Float64Array | undefined;

  /**
   * `extra`: sizes (in doubles) of additional arrays placed in the Bluestein transform's kernel memory, after its
   * own four (chirp spectrum re/im, chirp re/im) — see {@link bluestein}. Ignored for powers of two.
   */
  constructor(size: number, extra: readonly number[] = []) {
    if (!Number.isInteger(size) || size < 1) throw new ConfigError('ERR_INVALID_OPTION', `n_fft should be a positive integer, but got ${size}`);
    this.size = size;
    this.bins = (size >> 1) + 1;
    if (size === 1) return;
    if (isPowerOfTwo(size)) {
      const h = size >> 1;
      this.#half = new ComplexFft(h);
      this.#cos = new Float64Array(h);
      this.#sin = new Float64Array(h);
      for (let k = 0; k < h; k++) {
        this.#cos[k] = Math.cos((2 * Math.PI * k) / size);
        this.#sin[k] = -Math.sin((2 * Math.PI * k) / size);
      }
      return;
    }
    // smallest 2^k or 3·2^k (k ≥ 2) transform size ≥ 2n − 1 (1411 → 3072 instead of 4096)
    let m = 2;
    while (m < 2 * size - 1) m *= 2;
    if (m >= 16 && (3 * m) / 4 >= 2 * size - 1) m = (3 * m) / 4;
    const c = new ComplexFft(m, [m, m, size, size, ...extra]);
    this.#blue = c;
    const re = c.extra[2]!;
    const im = c.extra[3]!;
    const twoN = 2 * size;
    for (let k = 0; k < size; k++) {
      // exp(-iπ k²/n), with k² reduced mod 2n to keep the angle exact
      const k2 = (k * k) % twoN;
      const a = (Math.PI * k2) / size;
      re[k] = Math.cos(a);
      im[k] = -Math.sin(a);
    }
    this.#chirpRe = re;
    this.#chirpIm = im;
    const br = new Float64Array(m);
    const bi = new Float64Array(m);
    for (let k = 0; k < size; k++) {
      br[k] = re[k]!;
      bi[k] = -im[k]!;
      if (k > 0) {
        br[m - k] = re[k]!;
        bi[m - k] = -im[k]!;
      }
    }
    c.transform(br, bi);
    // fold the inverse transform's 1/m into the kernel spectrum
    const kr = c.extra[0]!;
    const ki = c.extra[1]!;
    for (let i = 0; i < m; i++) {
      kr[i] = c.re[i]! / m;
      ki[i] = c.im[i]! / m;
    }
  }

  /**
   * The Bluestein transform (undefined for powers of two): its `extra` arrays are the chirp spectrum ÷ m (re, im),
   * the chirp exp(−iπk²/n) (re, im), then the caller's arrays.
   */
  get bluestein(): ComplexFft | undefined {
    return this.#blue;
  }

  /**
   * Transforms two real signals (bins 0 … size/2 of each). For Bluestein sizes both go through one complex
   * transform of `a + i·b`, split by conjugate symmetry, which halves the cost per signal.
   */
  forward2(a: ArrayLike<number>, b: ArrayLike<number>, reA: Float64Array, imA: Float64Array, reB: Float64Array, imB: Float64Array): void {
    const c = this.#blue;
    if (c === undefined) {
      this.forward(a, reA, imA);
      this.forward(b, reB, imB);
      return;
    }
    const n = this.size;
    const w = c.inRe;
    const v = c.inIm;
    const cr = this.#chirpRe!;
    const ci = this.#chirpIm!;
    for (let k = 0; k < n; k++) {
      const x = a[k]!;
      const y = b[k]!;
      w[k] = x * cr[k]! - y * ci[k]!;
      v[k] = x * ci[k]! + y * cr[k]!;
    }
    this.#convolveChirp();
    this.#splitPair(reA, imA, reB, imB);
  }

  /**
   * Two windowed frames at once: `a[j] = y[startA + j]·window[j]`, `b[j] = y[startB + j]·window[j]` (zero where
   * the index falls outside `y`), read in place — the same as {@link forward2} on those frames.
   */
  forward2Windowed(
    y: Float32Array | Float64Array,
    startA: number,
    startB: number,
    window: Float64Array,
    reA: Float64Array,
    imA: Float64Array,
    reB: Float64Array,
    imB: Float64Array,
  ): void {
    const n = this.size;
    const len = y.length;
    const c = this.#blue;
    if (c === undefined) {
      const a = new Float64Array(n);
      const b = new Float64Array(n);
      for (let j = 0; j < n; j++) {
        a[j] = startA + j >= 0 && startA + j < len ? y[startA + j]! * window[j]! : 0;
        b[j] = startB + j >= 0 && startB + j < len ? y[startB + j]! * window[j]! : 0;
      }
      this.forward2(a, b, reA, imA, reB, imB);
      return;
    }
    const w = c.inRe;
    const v = c.inIm;
    const cr = this.#chirpRe!;
    const ci = this.#chirpIm!;
    if (startA >= 0 && startB >= 0 && startA + n <= len && startB + n <= len) {
      for (let k = 0; k < n; k++) {
        const x = y[startA + k]! * window[k]!;
        const z = y[startB + k]! * window[k]!;
        w[k] = x * cr[k]! - z * ci[k]!;
        v[k] = x * ci[k]! + z * cr[k]!;
      }
    } else {
      for (let k = 0; k < n; k++) {
        const x = startA + k >= 0 && startA + k < len ? y[startA + k]! * window[k]! : 0;
        const z = startB + k >= 0 && startB + k < len ? y[startB + k]! * window[k]! : 0;
        w[k] = x * cr[k]! - z * ci[k]!;
        v[k] = x * ci[k]! + z * cr[k]!;
      }
    }
    this.#convolveChirp();
    this.#splitPair(reA, imA, reB, imB);
  }

  /** Z[k] = conj(Y[k])·chirp[k]; A = (Z[k] + conj Z[n−k]) / 2, B = (Z[k] − conj Z[n−k]) / 2i. */
  #splitPair(reA: Float64Array, imA: Float64Array, reB: Float64Array, imB: Float64Array): void {
    const c = this.#blue!;
    const n = this.size;
    const cr = this.#chirpRe!;
    const ci = this.#chirpIm!;
    const yr = c.re;
    const yi = c.im;
    const bins = this.bins;
    for (let k = 0; k < bins; k++) {
      const j = k === 0 ? 0 : n - k;
      const pr = yr[k]!;
      const pi = -yi[k]!;
      const zr = pr * cr[k]! - pi * ci[k]!;
      const zi = pr * ci[k]! + pi * cr[k]!;
      const qr = yr[j]!;
      const qi = -yi[j]!;
      const wr = qr * cr[j]! - qi * ci[j]!;
      const wi = -(qr * ci[j]! + qi * cr[j]!);
      reA[k] = 0.5 * (zr + wr);
      imA[k] = 0.5 * (zi + wi);
      reB[k] = 0.5 * (zi - wi);
      imB[k] = -0.5 * (zr - wr);
    }
  }

  /**
   * Bluestein core: the chirp-multiplied input is in `inRe/inIm[0, n)`; zero-pads it to m, convolves with the chirp
   * and leaves the conjugated, unchirped result in `re/im` (bin k = conj(re + i·im)[k]·chirp[k]).
   */
  #convolveChirp(): void {
    const c = this.#blue!;
    c.inRe.fill(0, this.size);
    c.inIm.fill(0, this.size);
    c.transform();
    // multiply by the chirp spectrum and conjugate, so that a forward transform computes the (scaled, conjugated)
    // inverse
    c.multiplyConjugateInto(0);
    c.transform();
  }

  /**
   * Transforms `input` (length `size`; read as real) into `re`/`im` (length ≥ `bins`).
   */
  forward(input: ArrayLike<number>, re: Float64Array, im: Float64Array): void {
    const n = this.size;
    const bins = this.bins;
    const half = this.#half;
    if (half !== undefined) {
      const h = n >> 1;
      const zr = half.inRe;
      const zi = half.inIm;
      for (let m = 0; m < h; m++) {
        zr[m] = input[2 * m]!;
        zi[m] = input[2 * m + 1]!;
      }
      half.transform();
      this.#untangle(re, im);
      return;
    }
    const c = this.#blue;
    if (c === undefined) {
      // size 1
      re[0] = input[0]!;
      im[0] = 0;
      return;
    }
    const a = c.inRe;
    const b = c.inIm;
    const cr = this.#chirpRe!;
    const ci = this.#chirpIm!;
    for (let k = 0; k < n; k++) {
      const x = input[k]!;
      a[k] = x * cr[k]!;
      b[k] = x * ci[k]!;
    }
    this.#convolveChirp();
    const yr = c.re;
    const yi = c.im;
    for (let k = 0; k < bins; k++) {
      const pr = yr[k]!;
      const pi = -yi[k]!;
      re[k] = pr * cr[k]! - pi * ci[k]!;
      im[k] = pr * ci[k]! + pi * cr[k]!;
    }
  }

  /**
   * Power of two only: the spectrum of the windowed frame `y[start + j]·window[j]` (j < size), read in place from
   * `y`, into `re`/`im` (bins 0 … size/2).
   */
  forwardWindowed(y: Float32Array | Float64Array, start: number, window: Float64Array, re: Float64Array, im: Float64Array): void {
    const half = this.#half;
    if (half === undefined) throw new ConfigError('ERR_INVALID_OPTION', `forwardWindowed needs a power-of-two size, not ${this.size}`);
    half.transformPacked(y, start, window);
    this.#untangle(re, im);
  }

  /** Power of two only: `|X[k]|²` (bins 0 … size/2) of the windowed frame `y[start + j]·window[j]` into `power`. */
  powerWindowed(y: Float32Array | Float64Array, start: number, window: Float64Array, power: Float64Array): void {
    const half = this.#half;
    if (half === undefined) throw new ConfigError('ERR_INVALID_OPTION', `powerWindowed needs a power-of-two size, not ${this.size}`);
    half.transformPacked(y, start, window);
    const h = this.size >> 1;
    const zr = half.re;
    const zi = half.im;
    const cos = this.#cos!;
    const sin = this.#sin!;
    const dc = zr[0]! + zi[0]!;
    const ny = zr[0]! - zi[0]!;
    power[0] = dc * dc;
    power[h] = ny * ny;
    for (let k = 1; k < h; k++) {
      const ar = zr[k]!;
      const ai = zi[k]!;
      const br = zr[h - k]!;
      const bi = -zi[h - k]!;
      const dr = 0.5 * (ar - br);
      const di = 0.5 * (ai - bi);
      const c = cos[k]!;
      const s = sin[k]!;
      const xr = 0.5 * (ar + br) + c * di + s * dr;
      const xi = 0.5 * (ai + bi) - c * dr + s * di;
      power[k] = xr * xr + xi * xi;
    }
  }

  /** X[k] = E[k] + e^{−2πik/n}·O[k] from Z = FFT(x[2m] + i·x[2m+1]): E = (Z[k] + conj Z[h−k]) / 2, O = (Z[k] − conj Z[h−k]) / 2i. */
  #untangle(re: Float64Array, im: Float64Array): void {
    const half = this.#half!;
    const h = this.size >> 1;
    const zr = half.re;
    const zi = half.im;
    const cos = this.#cos!;
    const sin = this.#sin!;
    re[0] = zr[0]! + zi[0]!;
    im[0] = 0;
    re[h] = zr[0]! - zi[0]!;
    im[h] = 0;
    for (let k = 1; k < h; k++) {
      const ar = zr[k]!;
      const ai = zi[k]!;
      const br = zr[h - k]!;
      const bi = -zi[h - k]!;
      const er = 0.5 * (ar + br);
      const ei = 0.5 * (ai + bi);
      const dr = 0.5 * (ar - br);
      const di = 0.5 * (ai - bi);
      // O = −i·D = (di, −dr); W·O with W = (c, s)
      const c = cos[k]!;
      const s = sin[k]!;
      re[k] = er + c * di + s * dr;
      im[k] = ei - c * dr + s * di;
    }
  }
}

/**
 * Forward DFT of a real signal of any length `n` (float64): bins `0 … floor(n/2)`. Powers of two run one complex
 * FFT of size n/2 on the even/odd samples and untangle the halves; other sizes (BeatNet's 1411) use Bluestein's
 * chirp-z algorithm. The transforms run in a WebAssembly SIMD kernel (scalar JavaScript where SIMD is missing).
 */
export class RealFft {
  readonly size: number;
  readonly bins: number;
  readonly #t: RealTransform;

  constructor(size: number) {
    this.#t = new RealTransform(size);
    this.size = size;
    this.bins = this.#t.bins;
  }

  /**
   * Transforms two real signals (bins 0 … size/2 of each). For Bluestein sizes both go through one complex
   * transform of `a + i·b`, split by conjugate symmetry, which halves the cost per signal.
   */
  forward2(a: ArrayLike<number>, b: ArrayLike<number>, reA: Float64Array, imA: Float64Array, reB: Float64Array, imB: Float64Array): void {
    this.#t.forward2(a, b, reA, imA, reB, imB);
  }

  /** Transforms `input` (length `size`; read as real) into `re`/`im` (length ≥ `bins`). */
  forward(input: ArrayLike<number>, re: Float64Array, im: Float64Array): void {
    this.#t.forward(input, re, im);
  }
}
