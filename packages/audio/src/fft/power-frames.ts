import { ComplexFft, kernelAvailable } from './complex-fft.js';
import { cachedPlan } from './plan-cache.js';

/** A filterbank as flat arrays: band b covers bins `starts[b] … starts[b] + lengths[b] − 1`, weights back to back. */
export interface FlatFilterbank {
  bands: number;
  starts: Int32Array;
  /** Weights per band (complex weights count once; their re, im pairs are interleaved in `weights`). */
  lengths: Int32Array;
  weights: Float64Array;
}

/** Byte offsets of a {@link PackedPlan}'s arrays in kernel memory. */
export interface PackedLayout {
  /** Signal block (f64). */
  y: number;
  /** Permuted sample offsets (i32) and permuted window (f64, even and odd samples). */
  off: number;
  wr: number;
  wi: number;
  /** Untangling twiddles cos(2πk/nFft), −sin(2πk/nFft). */
  cs: number;
  sn: number;
  /** Two spectrum arrays of h + 1 doubles (|X|² uses the first; complex X both). */
  specRe: number;
  specIm: number;
  /** Band starts then lengths (i32), weights (f64), output rows. */
  bands: number;
  weights: number;
  rows: number;
}

/**
 * A real FFT of size nFft (power of two ≥ 8) as the kernel's packed transform, with a filterbank, a signal block
 * and an output area in kernel memory: the shared setup of the STFT-like kernel loops (`frames`, `cqtFrames`).
 */
export interface PackedPlan {
  fft: ComplexFft;
  block: Float64Array;
  rows: Float64Array;
  at: PackedLayout;
}

/** Copies a filterbank into kernel memory: starts then lengths as i32 into `ints` (≥ bands doubles), weights into `w`. */
export function loadFilterbank(ints: Float64Array, w: Float64Array, fb: FlatFilterbank): void {
  const view = new Int32Array(ints.buffer, ints.byteOffset, 2 * fb.bands);
  view.set(fb.starts, 0);
  view.set(fb.lengths, fb.bands);
  w.set(fb.weights);
}

/**
 * Builds a {@link PackedPlan}: `window` (length nFft; undefined = rectangular) pre-permuted for the packed first
 * stage, untangling twiddles, the filterbank, a block of `blockLen` samples and `rowDoubles` doubles of output.
 * Returns undefined where the kernel is unavailable.
 */
export function packedPlan(nFft: number, window: Float64Array | undefined, fb: FlatFilterbank, blockLen: number, rowDoubles: number): PackedPlan | undefined {
  if (nFft < 8 || (nFft & (nFft - 1)) !== 0) return undefined;
  const h = nFft >> 1;
  const fft = new ComplexFft(h, [blockLen, Math.ceil(h / 2), h, h, h, h, h + 1, h + 1, fb.bands, fb.weights.length, rowDoubles]);
  if (fft.kernel === undefined) return undefined;
  const v = fft.extra;
  const off = new Int32Array(v[1]!.buffer, v[1]!.byteOffset, h);
  const winRe = v[2]!;
  const winIm = v[3]!;
  const perm = fft.permutation;
  for (let p = 0; p < h; p++) {
    const j = 2 * perm[p]!;
    off[p] = j;
    winRe[p] = window === undefined ? 1 : window[j]!;
    winIm[p] = window === undefined ? 1 : window[j + 1]!;
  }
  const cos = v[4]!;
  const sin = v[5]!;
  for (let k = 0; k < h; k++) {
    cos[k] = Math.cos((2 * Math.PI * k) / nFft);
    sin[k] = -Math.sin((2 * Math.PI * k) / nFft);
  }
  loadFilterbank(v[8]!, v[9]!, fb);
  const o = fft.extraOffsets;
  const at: PackedLayout = {
    y: o[0]!,
    off: o[1]!,
    wr: o[2]!,
    wi: o[3]!,
    cs: o[4]!,
    sn: o[5]!,
    specRe: o[6]!,
    specIm: o[7]!,
    bands: o[8]!,
    weights: o[9]!,
    rows: o[10]!,
  };
  return { fft, block: v[0]!, rows: v[10]!, at };
}

/** `block[i] = y[start + i]` for i < len, zero where start + i falls outside y. */
export function copyPadded(block: Float64Array, y: Float32Array | Float64Array, start: number, len: number): void {
  const a = Math.max(0, Math.min(len, -start));
  const b = Math.max(a, Math.min(len, y.length - start));
  block.fill(0, 0, a);
  block.set(y.subarray(start + a, start + b), a);
  block.fill(0, b, len);
}

/** Samples copied into kernel memory per block (bounds the memory of long signals). */
const BLOCK_SAMPLES = 1 << 15;

interface Plan {
  packed: PackedPlan;
  framesPerBlock: number;
  /** What the plan was built from (checked on every hit, so a hash collision cannot give a wrong plan). */
  window: Float64Array;
  fb: FlatFilterbank;
}

function sameArray(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function planMatches(plan: Plan, window: Float64Array, fb: FlatFilterbank): boolean {
  return (
    sameArray(plan.window, window) &&
    sameArray(plan.fb.weights, fb.weights) &&
    sameArray(plan.fb.starts, fb.starts) &&
    sameArray(plan.fb.lengths, fb.lengths)
  );
}

const plans = new Map<string, Plan | undefined>();

/** FNV-1a over the bytes of a typed array (cache keys for windows and filterbanks). */
function hashArray(a: Float64Array | Int32Array): string {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return `${a.length}:${(h >>> 0).toString(36)}`;
}

function makePlan(hop: number, nFft: number, window: Float64Array, fb: FlatFilterbank): Plan | undefined {
  const framesPerBlock = Math.max(1, Math.floor((BLOCK_SAMPLES - nFft) / hop) + 1);
  const blockLen = (framesPerBlock - 1) * hop + nFft;
  // output rows are float32: (band, frame in block)
  const packed = packedPlan(nFft, window, fb, blockLen, Math.ceil((framesPerBlock * fb.bands) / 2));
  if (packed === undefined) return undefined;
  return {
    packed,
    framesPerBlock,
    window: window.slice(),
    fb: { bands: fb.bands, starts: fb.starts.slice(), lengths: fb.lengths.slice(), weights: fb.weights.slice() },
  };
}

/**
 * Power (or magnitude) spectra of windowed frames projected on a filterbank, entirely in the WebAssembly kernel:
 * per frame the packed real FFT's gather/window/first stage (`packed4`/`packed2`), the radix-4 stages, the
 * untangling into `|X|²` (`power`) and the sparse projection (`spmv`), with the signal copied into kernel memory
 * block by block by `frameAt(t, out)` (the padded signal from frame t's start). Numerically the same operations,
 * in the same order, as `RealTransform.powerWindowed` followed by a float64 dot product per band. Returns (bands,
 * frames) float32, or undefined where the kernel is unavailable (callers use the JS path).
 */
export function filterbankFrames(
  frameAt: (t: number, out: Float64Array) => void,
  frames: number,
  hop: number,
  nFft: number,
  window: Float64Array,
  fb: FlatFilterbank,
  magnitude: boolean,
): Float32Array | undefined {
  if (nFft < 8 || (nFft & (nFft - 1)) !== 0 || !kernelAvailable()) return undefined;
  const key = `${nFft}|${hop}|${fb.bands}|${fb.weights.length}|${hashArray(window)}|${hashArray(fb.weights)}|${hashArray(fb.starts)}`;
  let plan = cachedPlan(plans, key, 8, () => makePlan(hop, nFft, window, fb));
  if (plan !== undefined && !planMatches(plan, window, fb)) plan = makePlan(hop, nFft, window, fb);
  if (plan === undefined) return undefined;
  const { framesPerBlock } = plan;
  const { fft, block, at } = plan.packed;
  const rows = new Float32Array(plan.packed.rows.buffer, plan.packed.rows.byteOffset, framesPerBlock * fb.bands);
  const kernel = fft.kernel!;
  const h = nFft >> 1;
  const bands = fb.bands;
  const { re, im, tw, m } = fft.layout;
  const r2 = fft.firstRadix2 ? 1 : 0;
  const mag = magnitude ? 1 : 0;
  const out = new Float32Array(bands * frames);
  for (let t0 = 0; t0 < frames; t0 += framesPerBlock) {
    const count = Math.min(framesPerBlock, frames - t0);
    frameAt(t0, block.subarray(0, (count - 1) * hop + nFft));
    // per frame: packed first stage, radix-4 stages, |X|², filterbank values into rows (band, frame in block)
    kernel.frames(
      count, at.y, 8 * hop, re, im, at.off, at.wr, at.wi, h, r2, tw, m, at.cs, at.sn, at.specRe, mag,
      at.bands, at.bands + 4 * bands, at.weights, at.rows, bands, 4 * framesPerBlock,
    );
    for (let b = 0; b < bands; b++) out.set(rows.subarray(b * framesPerBlock, b * framesPerBlock + count), b * frames + t0);
  }
  return out;
}
