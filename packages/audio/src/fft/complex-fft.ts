import { ConfigError } from '@mirkit/core';
import { KERNEL_WASM_BASE64 } from './kernel-wasm.js';

interface KernelExports {
  memory: WebAssembly.Memory;
  stages(re: number, im: number, tw: number, n: number, m: number): void;
  mulconj(dr: number, di: number, ar: number, ai: number, br: number, bi: number, n: number): void;
}

const PAD = 40;

let kernelModule: WebAssembly.Module | null | undefined;

/** The compiled SIMD kernel (kernel.wat), or null where WebAssembly SIMD is unavailable. */
function loadKernel(): WebAssembly.Module | null {
  if (kernelModule === undefined) {
    kernelModule = null;
    try {
      const bytes = Uint8Array.from(atob(KERNEL_WASM_BASE64), (c) => c.charCodeAt(0));
      if (WebAssembly.validate(bytes)) kernelModule = new WebAssembly.Module(bytes);
    } catch {
      kernelModule = null;
    }
  }
  return kernelModule;
}

/** Scalar twin of kernel.wat's `stages` (used where WebAssembly SIMD is unavailable). */
function stagesJs(re: Float64Array, im: Float64Array, tw: Float64Array, n: number, m: number): void {
  let t = 0;
  for (let M = m; M < n; M *= 4) {
    for (let g = 0; g < n; g += 4 * M) {
      for (let k = 0; k < M; k++) {
        const p0 = g + k;
        const p1 = p0 + M;
        const p2 = p1 + M;
        const p3 = p2 + M;
        const w = t + 12 * (k >> 1) + (k & 1);
        const w1r = tw[w]!;
        const w1i = tw[w + 2]!;
        const w2r = tw[w + 4]!;
        const w2i = tw[w + 6]!;
        const w3r = tw[w + 8]!;
        const w3i = tw[w + 10]!;
        const b1r = re[p1]! * w1r - im[p1]! * w1i;
        const b1i = re[p1]! * w1i + im[p1]! * w1r;
        const b2r = re[p2]! * w2r - im[p2]! * w2i;
        const b2i = re[p2]! * w2i + im[p2]! * w2r;
        const b3r = re[p3]! * w3r - im[p3]! * w3i;
        const b3i = re[p3]! * w3i + im[p3]! * w3r;
        const t0r = re[p0]! + b2r;
        const t0i = im[p0]! + b2i;
        const t1r = re[p0]! - b2r;
        const t1i = im[p0]! - b2i;
        const t2r = b1r + b3r;
        const t2i = b1i + b3i;
        const t3r = b1r - b3r;
        const t3i = b1i - b3i;
        re[p0] = t0r + t2r;
        im[p0] = t0i + t2i;
        re[p2] = t0r - t2r;
        im[p2] = t0i - t2i;
        re[p1] = t1r + t3i;
        im[p1] = t1i - t3r;
        re[p3] = t1r - t3i;
        im[p3] = t1i + t3r;
      }
    }
    t += 6 * M;
  }
}

/**
 * In-place-style complex FFT of a power-of-two size on split float64 arrays: radix-4 decimation in time, the
 * digit-reversal permutation and the first (twiddle-free) stage done in JavaScript while reading the input, the
 * remaining stages in a WebAssembly SIMD kernel (two lanes = two butterflies) with precomputed twiddles. The
 * arrays live in the kernel's memory: callers write `inRe`/`inIm` (or pass their own arrays to
 * {@link transform}) and read `re`/`im`. Falls back to the same algorithm in scalar JavaScript without SIMD.
 */
export class ComplexFft {
  readonly size: number;
  /** Output (and, for {@link transform} without arguments, nothing else): the spectrum after a transform. */
  readonly re: Float64Array;
  readonly im: Float64Array;
  /** Scratch input arrays in kernel memory (the default input of {@link transform}). */
  readonly inRe: Float64Array;
  readonly inIm: Float64Array;
  /** Extra arrays of `size` doubles requested at construction, in kernel memory. */
  readonly extra: Float64Array[];
  readonly #perm: Int32Array;
  readonly #radix2: boolean;
  /** Span of the first kernel stage. */
  readonly #m: number;
  readonly #tw: Float64Array;
  readonly #kernel: KernelExports | undefined;
  readonly #offsets: { re: number; im: number; tw: number; inRe: number; inIm: number; extra: number[] };

  /** `simd: false` forces the scalar path (tests). */
  constructor(size: number, extraArrays = 0, simd = true) {
    if (!Number.isInteger(size) || size < 1 || (size & (size - 1)) !== 0) {
      throw new ConfigError('ERR_INVALID_OPTION', `complex FFT size should be a power of two, but got ${size}`);
    }
    this.size = size;
    const log2 = Math.round(Math.log2(size));
    this.#radix2 = log2 % 2 === 1;
    const first = size === 1 ? 1 : this.#radix2 ? 2 : 4;
    this.#m = first;
    // digit-reversal permutation: position p of the first stage's input holds natural index perm[p]
    let perm = Int32Array.of(0);
    const radices = [first];
    for (let M = first; M < size; M *= 4) radices.push(4);
    for (const r of radices) {
      if (perm.length * r > size) break;
      const M = perm.length;
      const next = new Int32Array(M * r);
      for (let q = 0; q < r; q++) for (let p = 0; p < M; p++) next[q * M + p] = r * perm[p]! + q;
      perm = next;
    }
    this.#perm = perm;
    // twiddles of the kernel stages
    let twLength = 0;
    for (let M = first; M < size; M *= 4) twLength += 6 * M;
    // arrays are separated by 40 doubles so that same-index accesses of different arrays do not fall in the same
    // cache sets (power-of-two strides otherwise alias)
    const doubles = (4 + extraArrays) * (size + PAD) + twLength + PAD;
    const bytes = 8 * doubles;
    const module = simd ? loadKernel() : null;
    let buffer: ArrayBuffer;
    if (module !== null) {
      const instance = new WebAssembly.Instance(module, {});
      this.#kernel = instance.exports as unknown as KernelExports;
      const memory = this.#kernel.memory;
      const pages = Math.ceil(bytes / 65536);
      if (pages > memory.buffer.byteLength / 65536) memory.grow(pages - memory.buffer.byteLength / 65536);
      buffer = memory.buffer;
    } else {
      this.#kernel = undefined;
      buffer = new ArrayBuffer(bytes);
    }
    let at = 0;
    const take = (count: number): [Float64Array, number] => {
      const view = new Float64Array(buffer, 8 * at, count);
      const offset = 8 * at;
      at += count + PAD;
      return [view, offset];
    };
    let re: number, im: number, tw: number, inRe: number, inIm: number;
    [this.re, re] = take(size);
    [this.im, im] = take(size);
    [this.inRe, inRe] = take(size);
    [this.inIm, inIm] = take(size);
    [this.#tw, tw] = take(twLength);
    this.extra = [];
    const extra: number[] = [];
    for (let i = 0; i < extraArrays; i++) {
      const [view, offset] = take(size);
      this.extra.push(view);
      extra.push(offset);
    }
    this.#offsets = { re, im, tw, inRe, inIm, extra };
    let t = 0;
    for (let M = first; M < size; M *= 4) {
      for (let k = 0; k < M; k++) {
        // per pair (k, k+1): Re w^k, Im w^k, Re w^2k, Im w^2k, Re w^3k, Im w^3k (two lanes each)
        const base = t + 12 * (k >> 1) + (k & 1);
        for (let j = 1; j <= 3; j++) {
          // exp(−2πi·jk / 4M), angle reduced to [0, 1) turns
          const turns = ((j * k) % (4 * M)) / (4 * M);
          this.#tw[base + 4 * (j - 1)] = Math.cos(2 * Math.PI * turns);
          this.#tw[base + 4 * (j - 1) + 2] = -Math.sin(2 * Math.PI * turns);
        }
      }
      t += 6 * M;
    }
  }

  /** True when the WebAssembly SIMD kernel is in use. */
  get simd(): boolean {
    return this.#kernel !== undefined;
  }

  /** DFT of `xr + i·xi` (natural order, length `size`; default: `inRe`/`inIm`) into `re`/`im`. */
  transform(xr: ArrayLike<number> = this.inRe, xi: ArrayLike<number> = this.inIm): void {
    const n = this.size;
    const re = this.re;
    const im = this.im;
    const perm = this.#perm;
    if (n === 1) {
      re[0] = xr[0]!;
      im[0] = xi[0]!;
      return;
    }
    if (this.#radix2) {
      for (let p = 0; p < n; p += 2) {
        const i0 = perm[p]!;
        const i1 = perm[p + 1]!;
        const ar = xr[i0]!;
        const ai = xi[i0]!;
        const br = xr[i1]!;
        const bi = xi[i1]!;
        re[p] = ar + br;
        im[p] = ai + bi;
        re[p + 1] = ar - br;
        im[p + 1] = ai - bi;
      }
    } else {
      for (let p = 0; p < n; p += 4) {
        const i0 = perm[p]!;
        const i1 = perm[p + 1]!;
        const i2 = perm[p + 2]!;
        const i3 = perm[p + 3]!;
        const t0r = xr[i0]! + xr[i2]!;
        const t0i = xi[i0]! + xi[i2]!;
        const t1r = xr[i0]! - xr[i2]!;
        const t1i = xi[i0]! - xi[i2]!;
        const t2r = xr[i1]! + xr[i3]!;
        const t2i = xi[i1]! + xi[i3]!;
        const t3r = xr[i1]! - xr[i3]!;
        const t3i = xi[i1]! - xi[i3]!;
        re[p] = t0r + t2r;
        im[p] = t0i + t2i;
        re[p + 2] = t0r - t2r;
        im[p + 2] = t0i - t2i;
        re[p + 1] = t1r + t3i;
        im[p + 1] = t1i - t3r;
        re[p + 3] = t1r - t3i;
        im[p + 3] = t1i + t3r;
      }
    }
    this.#rest();
  }

  /**
   * DFT of the packed real signal `z[i] = x[2i] + i·x[2i+1]` with `x[j] = y[start + j]·window[j]` (j < 2·size),
   * read straight from `y` (no staging copy) into `re`/`im`: the first half of a real FFT of size 2·size.
   */
  transformPacked(y: Float32Array | Float64Array, start: number, window: Float64Array): void {
    const n = this.size;
    const re = this.re;
    const im = this.im;
    const perm = this.#perm;
    if (n === 1) {
      re[0] = y[start]! * window[0]!;
      im[0] = y[start + 1]! * window[1]!;
      return;
    }
    if (this.#radix2) {
      for (let p = 0; p < n; p += 2) {
        const j0 = 2 * perm[p]!;
        const j1 = 2 * perm[p + 1]!;
        const ar = y[start + j0]! * window[j0]!;
        const ai = y[start + j0 + 1]! * window[j0 + 1]!;
        const br = y[start + j1]! * window[j1]!;
        const bi = y[start + j1 + 1]! * window[j1 + 1]!;
        re[p] = ar + br;
        im[p] = ai + bi;
        re[p + 1] = ar - br;
        im[p + 1] = ai - bi;
      }
    } else {
      for (let p = 0; p < n; p += 4) {
        const j0 = 2 * perm[p]!;
        const j1 = 2 * perm[p + 1]!;
        const j2 = 2 * perm[p + 2]!;
        const j3 = 2 * perm[p + 3]!;
        const x0r = y[start + j0]! * window[j0]!;
        const x0i = y[start + j0 + 1]! * window[j0 + 1]!;
        const x1r = y[start + j1]! * window[j1]!;
        const x1i = y[start + j1 + 1]! * window[j1 + 1]!;
        const x2r = y[start + j2]! * window[j2]!;
        const x2i = y[start + j2 + 1]! * window[j2 + 1]!;
        const x3r = y[start + j3]! * window[j3]!;
        const x3i = y[start + j3 + 1]! * window[j3 + 1]!;
        const t0r = x0r + x2r;
        const t0i = x0i + x2i;
        const t1r = x0r - x2r;
        const t1i = x0i - x2i;
        const t2r = x1r + x3r;
        const t2i = x1i + x3i;
        const t3r = x1r - x3r;
        const t3i = x1i - x3i;
        re[p] = t0r + t2r;
        im[p] = t0i + t2i;
        re[p + 2] = t0r - t2r;
        im[p + 2] = t0i - t2i;
        re[p + 1] = t1r + t3i;
        im[p + 1] = t1i - t3r;
        re[p + 3] = t1r - t3i;
        im[p + 3] = t1i + t3r;
      }
    }
    this.#rest();
  }

  #rest(): void {
    if (this.#m >= this.size) return;
    const o = this.#offsets;
    if (this.#kernel !== undefined) this.#kernel.stages(o.re, o.im, o.tw, this.size, this.#m);
    else stagesJs(this.re, this.im, this.#tw, this.size, this.#m);
  }

  /**
   * `(inRe, inIm) ← conj(spectrum · extra[e], extra[e + 1])` elementwise: with a kernel spectrum pre-divided by
   * `size`, a following {@link transform} of the result gives the (conjugated) circular convolution.
   */
  multiplyConjugateInto(e: number): void {
    const n = this.size;
    const o = this.#offsets;
    if (this.#kernel !== undefined && n >= 2) {
      this.#kernel.mulconj(o.inRe, o.inIm, o.re, o.im, o.extra[e]!, o.extra[e + 1]!, n);
      return;
    }
    const re = this.re;
    const im = this.im;
    const br = this.extra[e]!;
    const bi = this.extra[e + 1]!;
    const dr = this.inRe;
    const di = this.inIm;
    for (let i = 0; i < n; i++) {
      const ar = re[i]!;
      const ai = im[i]!;
      dr[i] = ar * br[i]! - ai * bi[i]!;
      di[i] = -(ar * bi[i]! + ai * br[i]!);
    }
  }
}
