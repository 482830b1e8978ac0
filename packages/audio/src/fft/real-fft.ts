import FFT from 'fft.js';
import { ConfigError } from '@mirkit/core';

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
    const m = this.#m;
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
    this.#fft.transform(spec, a);
    const kern = this.#kernel;
    // multiply and conjugate, so that a forward transform computes the (scaled, conjugated) inverse
    for (let i = 0; i < 2 * m; i += 2) {
      const xr = spec[i]!;
      const xi = spec[i + 1]!;
      const kr = kern[i]!;
      const ki = kern[i + 1]!;
      a[i] = xr * kr - xi * ki;
      a[i + 1] = -(xr * ki + xi * kr);
    }
    const conv = this.#buf!;
    this.#fft.transform(conv, a);
    for (let k = 0; k < bins; k++) {
      const yr = conv[2 * k]!;
      const yi = -conv[2 * k + 1]!;
      re[k] = yr * cr[k]! - yi * ci[k]!;
      im[k] = yr * ci[k]! + yi * cr[k]!;
    }
  }
}
