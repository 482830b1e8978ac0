import { ConfigError } from '@mirkit/core';
import { KERNEL_WASM_BASE64 } from './kernel-wasm.js';

/** The exports of kernel.wat (all pointers are byte offsets into `memory`). */
export interface KernelExports {
  memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  stages(re: number, im: number, tw: number, n: number, m: number): void;
  first4(re: number, im: number, xr: number, xi: number, perm: number, n: number): void;
  first2(re: number, im: number, xr: number, xi: number, perm: number, n: number): void;
  packed4(re: number, im: number, y: number, off: number, wr: number, wi: number, n: number): void;
  packed2(re: number, im: number, y: number, off: number, wr: number, wi: number, n: number): void;
  power(re: number, im: number, cs: number, sn: number, out: number, h: number, mag: number): void;
  spmv(spec: number, start: number, len: number, w: number, out: number, bands: number, stride: number): void;
  // frame loops (argument lists documented in kernel.wat)
  frames(...args: number[]): void;
  cqtFrames(...args: number[]): void;
  rest(re: number, im: number, tw: number, n4: number, m: number, tw3: number): void;
  bluestein(...args: number[]): void;
  sinc(x: number, frames: number, orig: number, target: number, taps: number, k: number, lo: number, hi: number, out: number): void;
  mulconj(dr: number, di: number, ar: number, ai: number, br: number, bi: number, n: number): void;
}

/** Doubles between arrays, so that same-index accesses of different arrays do not alias in the cache. */
const PAD = 40;

/** The parts of the WebAssembly JS API used here (the package's TypeScript libs do not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
  validate(bytes: Uint8Array): boolean;
}

let kernelModule: object | null | undefined;
let kernelEnabled = true;

/**
 * Turns the WebAssembly kernel off (or back on) for instances created afterwards, so that tests can compare the
 * scalar JavaScript paths with the kernel paths. Not part of the public API.
 */
export function setKernelEnabled(enabled: boolean): void {
  kernelEnabled = enabled;
}

/** The compiled SIMD kernel (kernel.wat), or null where WebAssembly SIMD is unavailable. */
function loadKernel(): object | null {
  if (kernelModule === undefined) {
    kernelModule = null;
    const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    try {
      const bytes = Uint8Array.from(atob(KERNEL_WASM_BASE64), (c) => c.charCodeAt(0));
      if (wasm !== undefined && wasm.validate(bytes)) kernelModule = new wasm.Module(bytes);
    } catch {
      kernelModule = null;
    }
  }
  return kernelModule;
}

/** True when new instances get the WebAssembly kernel (SIMD supported and not turned off). */
export function kernelAvailable(): boolean {
  return kernelEnabled && loadKernel() !== null;
}

/** A fresh kernel instance whose memory holds at least `bytes` bytes, or undefined without WebAssembly SIMD. */
export function instantiateKernel(bytes: number): KernelExports | undefined {
  if (!kernelEnabled) return undefined;
  const module = loadKernel();
  if (module === null) return undefined;
  const instance = new (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly.Instance(module, {});
  const kernel = instance.exports as unknown as KernelExports;
  const pages = Math.ceil(bytes / 65536);
  const have = kernel.memory.buffer.byteLength / 65536;
  if (pages > have) kernel.memory.grow(pages - have);
  return kernel;
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
        butterfly4(re, im, p0, M, re[p0]!, im[p0]!, b1r, b1i, b2r, b2i, b3r, b3i);
      }
    }
    t += 6 * M;
  }
}

/** Radix-4 butterfly of (twiddled) inputs x0…x3 into positions p, p + s, p + 2s, p + 3s (as in kernel.wat). */
function butterfly4(
  re: Float64Array,
  im: Float64Array,
  p: number,
  s: number,
  x0r: number,
  x0i: number,
  x1r: number,
  x1i: number,
  x2r: number,
  x2i: number,
  x3r: number,
  x3i: number,
): void {
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
  re[p + 2 * s] = t0r - t2r;
  im[p + 2 * s] = t0i - t2i;
  re[p + s] = t1r + t3i;
  im[p + s] = t1i - t3r;
  re[p + 3 * s] = t1r - t3i;
  im[p + 3 * s] = t1i + t3r;
}

/** First-stage radix-2 butterfly of a, b into positions p, p + 1. */
function butterfly2(re: Float64Array, im: Float64Array, p: number, ar: number, ai: number, br: number, bi: number): void {
  re[p] = ar + br;
  im[p] = ai + bi;
  re[p + 1] = ar - br;
  im[p + 1] = ai - bi;
}

/** Scalar twin of kernel.wat's `radix3`: the last stage of a size-3·M transform (three blocks of M). */
function radix3Js(re: Float64Array, im: Float64Array, tw: Float64Array, M: number): void {
  const h = Math.sqrt(3) / 2;
  for (let k = 0; k < M; k++) {
    const w = 8 * (k >> 1) + (k & 1);
    const w1r = tw[w]!;
    const w1i = tw[w + 2]!;
    const w2r = tw[w + 4]!;
    const w2i = tw[w + 6]!;
    const p1 = k + M;
    const p2 = k + 2 * M;
    const a1r = re[p1]! * w1r - im[p1]! * w1i;
    const a1i = re[p1]! * w1i + im[p1]! * w1r;
    const a2r = re[p2]! * w2r - im[p2]! * w2i;
    const a2i = re[p2]! * w2i + im[p2]! * w2r;
    const tr = a1r + a2r;
    const ti = a1i + a2i;
    const dr = a1r - a2r;
    const di = a1i - a2i;
    const ur = re[k]! - 0.5 * tr;
    const ui = im[k]! - 0.5 * ti;
    re[k] = re[k]! + tr;
    im[k] = im[k]! + ti;
    // v = −i·(√3/2)·d
    const vr = h * di;
    const vi = -h * dr;
    re[p1] = ur + vr;
    im[p1] = ui + vi;
    re[p2] = ur - vr;
    im[p2] = ui - vi;
  }
}

/**
 * Complex FFT of 2^k or 3·2^k points on split float64 arrays: radix-4 decimation in time (a radix-2 first stage
 * for odd k, a radix-3 last stage for 3·2^k), the digit-reversal permutation and the first (twiddle-free) stage
 * done while reading the input, the other stages in a WebAssembly SIMD kernel (two lanes = two butterflies) with
 * precomputed twiddles. The arrays live in the kernel's memory: callers write `inRe`/`inIm` (or pass their own
 * arrays to {@link transform}) and read `re`/`im`. Falls back to the same algorithm in scalar JavaScript without
 * SIMD.
 */
export class ComplexFft {
  readonly size: number;
  /** The spectrum after a transform. */
  readonly re: Float64Array;
  readonly im: Float64Array;
  /** Scratch input arrays in kernel memory (the default input of {@link transform}). */
  readonly inRe: Float64Array;
  readonly inIm: Float64Array;
  /** Extra arrays requested at construction (sizes in doubles), in kernel memory, and their byte offsets. */
  readonly extra: Float64Array[];
  readonly extraOffsets: number[];
  readonly #perm: Int32Array;
  readonly #radix2: boolean;
  /** Span of the first kernel stage. */
  readonly #m: number;
  readonly #tw: Float64Array;
  readonly #tw3: Float64Array;
  readonly #kernel: KernelExports | undefined;
  readonly #offsets: { re: number; im: number; tw: number; inRe: number; inIm: number; perm: number; tw3: number };
  /** Size of the radix-4 part: `size`, or `size / 3` when a final radix-3 stage follows. */
  readonly #n4: number;

  /** `extra`: sizes (in doubles) of additional arrays to place in kernel memory. `simd: false` forces the scalar path (tests). */
  constructor(size: number, extra: readonly number[] = [], simd = true) {
    const three = size % 3 === 0;
    const n4 = three ? size / 3 : size;
    if (!Number.isInteger(size) || size < 1 || (n4 & (n4 - 1)) !== 0 || (three && n4 < 4)) {
      throw new ConfigError('ERR_INVALID_OPTION', `complex FFT size should be 2^k or 3·2^k (k ≥ 2), but got ${size}`);
    }
    this.size = size;
    this.#n4 = n4;
    const log2 = Math.round(Math.log2(n4));
    this.#radix2 = log2 % 2 === 1;
    const first = n4 === 1 ? 1 : this.#radix2 ? 2 : 4;
    this.#m = first;
    // digit-reversal permutation: position p of the first stage's input holds natural index perm[p]
    let perm = Int32Array.of(0);
    const radices = [first];
    for (let M = first; M < n4; M *= 4) radices.push(4);
    if (three) radices.push(3);
    for (const r of radices) {
      if (perm.length * r > size) break;
      const M = perm.length;
      const next = new Int32Array(M * r);
      for (let q = 0; q < r; q++) for (let p = 0; p < M; p++) next[q * M + p] = r * perm[p]! + q;
      perm = next;
    }
    // twiddles of the kernel stages
    let twLength = 0;
    for (let M = first; M < n4; M *= 4) twLength += 6 * M;
    const tw3Length = three ? 4 * n4 : 0;
    // re, im, inRe, inIm, twiddles, radix-3 twiddles, permutation, extras; each followed by PAD doubles
    let doubles = 4 * (size + PAD) + twLength + PAD + (tw3Length + PAD) + (Math.ceil(size / 2) + PAD);
    for (const e of extra) doubles += e + PAD;
    const bytes = 8 * doubles;
    const instance = simd ? instantiateKernel(bytes) : undefined;
    this.#kernel = instance;
    const buffer = instance !== undefined ? instance.memory.buffer : new ArrayBuffer(bytes);
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
    const [tw3View, tw3] = take(tw3Length);
    this.#tw3 = tw3View;
    const [permArea, permOffset] = take(Math.ceil(size / 2));
    this.#perm = new Int32Array(permArea.buffer, permArea.byteOffset, size);
    this.#perm.set(perm);
    this.extra = [];
    this.extraOffsets = [];
    for (const e of extra) {
      const [view, offset] = take(e);
      this.extra.push(view);
      this.extraOffsets.push(offset);
    }
    this.#offsets = { re, im, tw, inRe, inIm, perm: permOffset, tw3 };
    // radix-3 stage: per pair (k, k+1): Re w^k, Im w^k, Re w^2k, Im w^2k with w = exp(−2πi / 3·n4)
    for (let k = 0; three && k < n4; k++) {
      const base = 8 * (k >> 1) + (k & 1);
      for (let j = 1; j <= 2; j++) {
        const turns = ((j * k) % (3 * n4)) / (3 * n4);
        tw3View[base + 4 * (j - 1)] = Math.cos(2 * Math.PI * turns);
        tw3View[base + 4 * (j - 1) + 2] = -Math.sin(2 * Math.PI * turns);
      }
    }
    let t = 0;
    for (let M = first; M < n4; M *= 4) {
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

  /** The kernel's exports (undefined on the scalar path). */
  get kernel(): KernelExports | undefined {
    return this.#kernel;
  }

  /** Byte offsets of the output arrays, permutation and twiddles, and the first kernel stage's span (for direct kernel calls). */
  get layout(): { re: number; im: number; perm: number; tw: number; m: number } {
    return { ...this.#offsets, m: this.#m };
  }

  /** Byte offsets of the default input arrays `inRe`/`inIm`. */
  get layoutInput(): { re: number; im: number } {
    return { re: this.#offsets.inRe, im: this.#offsets.inIm };
  }

  /** The digit-reversal permutation (position p of the first stage reads natural index perm[p]). */
  get permutation(): Int32Array {
    return this.#perm;
  }

  /** True when the first stage is radix-2 (odd log2 size). */
  get firstRadix2(): boolean {
    return this.#radix2;
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
    const kernel = this.#kernel;
    if (kernel !== undefined && xr === this.inRe && xi === this.inIm) {
      // inputs already in kernel memory: gather and first stage in wasm
      const o = this.#offsets;
      if (this.#radix2) kernel.first2(o.re, o.im, o.inRe, o.inIm, o.perm, n);
      else kernel.first4(o.re, o.im, o.inRe, o.inIm, o.perm, n);
    } else if (this.#radix2) {
      for (let p = 0; p < n; p += 2) {
        const i0 = perm[p]!;
        const i1 = perm[p + 1]!;
        butterfly2(re, im, p, xr[i0]!, xi[i0]!, xr[i1]!, xi[i1]!);
      }
    } else {
      for (let p = 0; p < n; p += 4) {
        const i0 = perm[p]!;
        const i1 = perm[p + 1]!;
        const i2 = perm[p + 2]!;
        const i3 = perm[p + 3]!;
        butterfly4(re, im, p, 1, xr[i0]!, xi[i0]!, xr[i1]!, xi[i1]!, xr[i2]!, xi[i2]!, xr[i3]!, xi[i3]!);
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
        butterfly2(re, im, p, y[start + j0]! * window[j0]!, y[start + j0 + 1]! * window[j0 + 1]!, y[start + j1]! * window[j1]!, y[start + j1 + 1]! * window[j1 + 1]!);
      }
    } else {
      for (let p = 0; p < n; p += 4) {
        const j0 = 2 * perm[p]!;
        const j1 = 2 * perm[p + 1]!;
        const j2 = 2 * perm[p + 2]!;
        const j3 = 2 * perm[p + 3]!;
        butterfly4(
          re,
          im,
          p,
          1,
          y[start + j0]! * window[j0]!,
          y[start + j0 + 1]! * window[j0 + 1]!,
          y[start + j1]! * window[j1]!,
          y[start + j1 + 1]! * window[j1 + 1]!,
          y[start + j2]! * window[j2]!,
          y[start + j2 + 1]! * window[j2 + 1]!,
          y[start + j3]! * window[j3]!,
          y[start + j3 + 1]! * window[j3 + 1]!,
        );
      }
    }
    this.#rest();
  }

  #rest(): void {
    const o = this.#offsets;
    const n4 = this.#n4;
    const three = n4 !== this.size;
    if (this.#kernel !== undefined) {
      this.#kernel.rest(o.re, o.im, o.tw, n4, this.#m, three ? o.tw3 : 0);
      return;
    }
    for (let b = 0; b < (three ? 3 : 1); b++) {
      if (this.#m < n4) stagesJs(this.re.subarray(b * n4), this.im.subarray(b * n4), this.#tw, n4, this.#m);
    }
    if (three) radix3Js(this.re, this.im, this.#tw3, n4);
  }

  /** Byte offset of the radix-3 twiddles (0 for powers of two) and the radix-4 part's size (for kernel calls). */
  get layout3(): { tw3: number; n4: number } {
    return { tw3: this.#n4 !== this.size ? this.#offsets.tw3 : 0, n4: this.#n4 };
  }

  /**
   * `(inRe, inIm) ← conj(spectrum · extra[e], extra[e + 1])` elementwise: with a kernel spectrum pre-divided by
   * `size`, a following {@link transform} of the result gives the (conjugated) circular convolution.
   */
  multiplyConjugateInto(e: number): void {
    const n = this.size;
    const o = this.#offsets;
    if (this.#kernel !== undefined && n >= 2) {
      this.#kernel.mulconj(o.inRe, o.inIm, o.re, o.im, this.extraOffsets[e]!, this.extraOffsets[e + 1]!, n);
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
