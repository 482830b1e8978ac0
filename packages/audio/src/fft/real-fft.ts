import FFT from 'fft.js';
import { ConfigError } from '@mirkit/core';

/** `out[k] = conj(a[k] · b[k])` for `n` interleaved complex values (a forward FFT of the result is a scaled inverse). */
export function multiplyConjugate(a: Float64Array, b: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < 2 * n; i += 2) {
    const ar = a[i]!;
    const ai = a[i + 1]!;
    const br = b[i]!;
    const bi = b[i + 1]!;
    out[i] = ar * br - ai * bi;
    out[i + 1] = -(ar * bi + ai * br);
  }
}

function isPowerOfTwo(n: number): boolean {
  return n >= 2 && (n & (n - 1)) === 0;
}

/**
 * Forward DFT of a real signal of any length `n` (float64): bins `0 … floor(n/2)`. Powers of two use fft.js's
 * radix-4 real transform; other sizes (BeatNet's 1411) use Bluestein's chirp-z algorithm over a power-of-two
 * complex transform of size ≥ 2n − 1, with the chirp and its spectrum precomputed.
 */
export class RealFft {
  readonly size: number;
  readonly bins: number;
  readonly #fft: FFT;
  readonly #work: Float64Array;
  readonly #out: Float64Array;
  // Bluestein state
  readonly #m: number;
  readonly #chirpRe: Float64Array | undefined;
  readonly #chirpIm: Float64Array | undefined;
  readonly #kernel: Float64Array | undefined;
  readonly #buf: Float64Array | undefined;
  #pair: Float64Array | undefined;
  #pairOut: Float64Array | undefined;

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1) throw new ConfigError('ERR_INVALID_OPTION', `n_fft should be a positive integer, but got ${size}`);
    this.size = size;
    this.bins = (size >> 1) + 1;
    if (isPowerOfTwo(size)) {
      this.#m = size;
      this.#fft = new FFT(size);
      this.#work = new Float64Array(size);
      this.#out = new Float64Array(2 * size);
      return;
    }
    let m = 2;
    while (m < 2 * size - 1) m *= 2;
    this.#m = m;
    this.#fft = new FFT(m);
    this.#work = new Float64Array(2 * m);
    this.#out = new Float64Array(2 * m);
    this.#buf = new Float64Array(2 * m);
    const re = new Float64Array(size);
    const im = new Float64Array(size);
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
    const b = new Float64Array(2 * m);
    for (let k = 0; k < size; k++) {
      b[2 * k] = re[k]!;
      b[2 * k + 1] = -im[k]!;
      if (k > 0) {
        b[2 * (m - k)] = re[k]!;
        b[2 * (m - k) + 1] = -im[k]!;
      }
    }
    const kernel = new Float64Array(2 * m);
    this.#fft.transform(kernel, b);
    // fold the inverse transform's 1/m into the kernel spectrum
    for (let i = 0; i < 2 * m; i++) kernel[i]! /= m;
    this.#kernel = kernel;
  }

  /**
   * Transforms two real signals at once (one complex transform of `a + i·b`, split by conjugate symmetry); for
   * Bluestein sizes this halves the cost per signal. Outputs bins 0 … size/2 of each.
   */
  forward2(a: ArrayLike<number>, b: ArrayLike<number>, reA: Float64Array, imA: Float64Array, reB: Float64Array, imB: Float64Array): void {
    const n = this.size;
    if (this.#kernel === undefined) {
      // power of two: one complex transform of a + i·b
      const w = this.#pair ??= new Float64Array(2 * n);
      const z = this.#pairOut ??= new Float64Array(2 * n);
      for (let k = 0; k < n; k++) {
        w[2 * k] = a[k]!;
        w[2 * k + 1] = b[k]!;
      }
      this.#fft.transform(z, w);
      this.#split(z, n, reA, imA, reB, imB);
      return;
    }
    const w = this.#work;
    const cr = this.#chirpRe!;
    const ci = this.#chirpIm!;
    for (let k = 0; k < n; k++) {
      const x = a[k]!;
      const y = b[k]!;
      w[2 * k] = x * cr[k]! - y * ci[k]!;
      w[2 * k + 1] = x * ci[k]! + y * cr[k]!;
    }
    w.fill(0, 2 * n);
    // Z[k] for k = 0 … n−1, then split
    const spec = this.#out;
    this.#convolveChirp(w, n, spec);
    this.#split(spec, n, reA, imA, reB, imB);
  }

  /**
   * Bluestein core: `w` holds the chirp-multiplied input (interleaved, zero-padded to m; overwritten). Writes the
   * DFT bins 0 … count−1 (interleaved) into `out`.
   */
  #convolveChirp(w: Float64Array, count: number, out: Float64Array): void {
    const m = this.#m;
    const spec = this.#buf!;
    this.#fft.transform(spec, w);
    // multiply by the chirp spectrum and conjugate, so that a forward transform computes the (scaled, conjugated)
    // inverse
    multiplyConjugate(spec, this.#kernel!, w, m);
    this.#fft.transform(spec, w);
    const cr = this.#chirpRe!;
    const ci = this.#chirpIm!;
    for (let k = 0; k < count; k++) {
      const yr = spec[2 * k]!;
      const yi = -spec[2 * k + 1]!;
      out[2 * k] = yr * cr[k]! - yi * ci[k]!;
      out[2 * k + 1] = yr * ci[k]! + yi * cr[k]!;
    }
  }

  /** Separates the spectra of a and b from Z = DFT(a + i·b): A = (Z[k] + conj Z[n−k]) / 2, B = (Z[k] − conj Z[n−k]) / 2i. */
  #split(spec: Float64Array, n: number, reA: Float64Array, imA: Float64Array, reB: Float64Array, imB: Float64Array): void {
    const bins = this.bins;
    for (let k = 0; k < bins; k++) {
      const j = k === 0 ? 0 : n - k;
      const zr = spec[2 * k]!;
      const zi = spec[2 * k + 1]!;
      const wr = spec[2 * j]!;
      const wi = -spec[2 * j + 1]!;
      reA[k] = 0.5 * (zr + wr);
      imA[k] = 0.5 * (zi + wi);
      reB[k] = 0.5 * (zi - wi);
      imB[k] = -0.5 * (zr - wr);
    }
  }

  /**
   * Transforms `input` (length `size`; read as real) into `re`/`im` (length ≥ `bins`).
   */
  forward(input: ArrayLike<number>, re: Float64Array, im: Float64Array): void {
    const n = this.size;
    const bins = this.bins;
    if (this.#kernel === undefined) {
      const work = this.#work;
      for (let i = 0; i < n; i++) work[i] = input[i]!;
      const out = this.#out;
      this.#fft.realTransform(out, work);
      for (let k = 0; k < bins; k++) {
        re[k] = out[2 * k]!;
        im[k] = out[2 * k + 1]!;
      }
      return;
    }
    const a = this.#work;
    const cr = this.#chirpRe!;
    const ci = this.#chirpIm!;
    for (let k = 0; k < n; k++) {
      const x = input[k]!;
      a[2 * k] = x * cr[k]!;
      a[2 * k + 1] = x * ci[k]!;
    }
    a.fill(0, 2 * n);
    const spec = this.#out;
    this.#convolveChirp(a, bins, spec);
    for (let k = 0; k < bins; k++) {
      re[k] = spec[2 * k]!;
      im[k] = spec[2 * k + 1]!;
    }
  }
}
