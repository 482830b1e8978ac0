import { ConfigError } from '@mirkit/core';
import { kernelAvailable } from '../fft/complex-fft.js';
import { cachedPlan } from '../fft/plan-cache.js';
import { copyPadded, loadFilterbank, type FlatFilterbank } from '../fft/power-frames.js';
import { RealTransform } from '../fft/real-fft.js';
import { logFilterbank } from '../filterbank/log-triangular.js';
import type { SparseFilterbank } from '../filterbank/sparse.js';
import { getWindow } from '../spectral/window.js';

export interface LogSpectOptions {
  /** Sample rate of the input (BeatNet: 22050; not resampled here). */
  sr?: number;
  /** Frame size and FFT size (default `int(64 ms · sr)` = 1411). */
  frameSize?: number;
  /** Hop in samples (default `int(20 ms · sr)` = 441). */
  hopSize?: number;
  /** Bands per octave (default 24). */
  bandsPerOctave?: number;
  fmin?: number;
  fmax?: number;
  /** Positive-difference lag in frames (default 1, as madmom derives for BeatNet). */
  diffFrames?: number;
}

export interface LogSpect {
  /** (frames, 2·bands) row-major float32: `[log10(1 + |X|·fb) | max(0, Δ)]`. */
  data: Float32Array;
  frames: number;
  /** Columns (2·bands = 272 for BeatNet). */
  dims: number;
}

// log10 of float32 values from their bits: x = 2^e·m, ln m = ln c_j + ln(1 + r) with c_j = 1 + j/256 (table) and
// |r| < 1/256 (series to r⁴, error < 1e-13); the float64 result equals Math.log10's to ~1e-16, far below the
// float32 rounding of the output, and is several times faster than Math.log10 per call.
const LN_TABLE = Float64Array.from({ length: 256 }, (_, j) => Math.log(1 + j / 256));
const INV_C = Float64Array.from({ length: 256 }, (_, j) => 1 / (1 + j / 256));
const F32 = new Float32Array(1);
const I32 = new Int32Array(F32.buffer);

/** `log10(x)` for a float32 value x (finite, positive; others go to Math.log10). */
function log10Float32(x: number): number {
  F32[0] = x;
  const bits = I32[0]!;
  const e = (bits >> 23) - 127;
  if (e <= -127 || e >= 128) return Math.log10(x);
  const j = (bits >> 15) & 255;
  const m = 1 + (bits & 0x7fffff) / 8388608;
  const r = (m - (1 + j / 256)) * INV_C[j]!;
  const ln = LN_TABLE[j]! + r * (1 - r * (0.5 - r * (1 / 3 - r * 0.25)));
  return (e * Math.LN2 + ln) / Math.LN10;
}

/** Number of frames madmom's `FramedSignal(origin=0, end='normal')` yields: `ceil(n / hop)`. */
export function logSpectFrameCount(n: number, hopSize: number): number {
  return Math.ceil(n / hopSize);
}

/**
 * BeatNet's `LOG_SPECT` feature (madmom pipeline): centred frames of `frameSize` (zeros outside the signal),
 * symmetric Hann (`np.hanning`), `frameSize`-point DFT (Bluestein for 1411), bins 0 … frameSize/2 − 1 rounded to
 * complex64, magnitude, logarithmic triangular filterbank (24/oct, 30–17000 Hz, unit area), `log10(1 + x)`,
 * positive first difference with a zero first frame; output (T, 272) for the defaults.
 */
export function logSpect(y: ArrayLike<number>, options: LogSpectOptions = {}): LogSpect {
  const sr = options.sr ?? 22050;
  const frameSize = options.frameSize ?? Math.trunc(64 * 0.001 * sr);
  const hop = options.hopSize ?? Math.trunc(20 * 0.001 * sr);
  const diffFrames = options.diffFrames ?? 1;
  if (!Number.isInteger(frameSize) || frameSize < 4) throw new ConfigError('ERR_INVALID_OPTION', `frameSize should be an integer ≥ 4, but got ${frameSize}`);
  if (!Number.isInteger(hop) || hop < 1) throw new ConfigError('ERR_INVALID_OPTION', `hopSize should be a positive integer, but got ${hop}`);
  const numBins = frameSize >> 1;
  const fb: SparseFilterbank = logFilterbank({
    numBins,
    sr,
    bandsPerOctave: options.bandsPerOctave ?? 24,
    fmin: options.fmin ?? 30,
    fmax: options.fmax ?? 17000,
  });
  const bands = fb.weights.length;
  const dims = 2 * bands;
  const n = y.length;
  const frames = logSpectFrameCount(n, hop);
  const window = getWindow('hann', frameSize, false);
  const fft = new RealTransform(frameSize);
  const reA = new Float64Array(fft.bins);
  const imA = new Float64Array(fft.bins);
  const reB = new Float64Array(fft.bins);
  const imB = new Float64Array(fft.bins);
  const mag = new Float64Array(numBins);
  const out = new Float32Array(frames * dims);
  const ref = frameSize >> 1;
  // the filterbank as one flat array
  const starts = fb.starts;
  const lengths = Int32Array.from(fb.weights, (w) => w.length);
  const weights = new Float64Array(lengths.reduce((a, b) => a + b, 0));
  for (let b = 0, at = 0; b < bands; b++) {
    weights.set(fb.weights[b]!, at);
    at += lengths[b]!;
  }
  const emit = (t: number, re: Float64Array, im: Float64Array) => {
    for (let k = 0; k < numBins; k++) {
      // complex64 rounding of the spectrum, float32 magnitude
      const r = Math.fround(re[k]!);
      const m = Math.fround(im[k]!);
      mag[k] = Math.fround(Math.sqrt(r * r + m * m));
    }
    const row = t * dims;
    for (let b = 0, w = 0; b < bands; b++) {
      const end = w + lengths[b]!;
      let acc = 0;
      for (let k = starts[b]!; w < end; w++, k++) acc += mag[k]! * weights[w]!;
      out[row + b] = log10Float32(Math.fround(Math.fround(acc) + 1));
    }
  };
  const ys = y instanceof Float32Array || y instanceof Float64Array ? y : Float64Array.from(y);
  // the kernel plan depends only on these (the window and filterbank follow from them)
  const planKey = `${sr}|${frameSize}|${hop}|${options.bandsPerOctave ?? 24}|${options.fmin ?? 30}|${options.fmax ?? 17000}`;
  if (!kernelPairs(ys, frames, hop, frameSize, ref, window, { bands, starts, lengths, weights }, out, dims, planKey)) {
    // two frames per transform (frame t + 1 ≥ frames is all zeros: its start lies beyond the signal)
    for (let t = 0; t < frames; t += 2) {
      const startA = Math.floor(t * hop) - ref;
      const startB = t + 1 < frames ? Math.floor((t + 1) * hop) - ref : n;
      fft.forward2Windowed(ys, startA, startB, window, reA, imA, reB, imB);
      emit(t, reA, imA);
      if (t + 1 < frames) emit(t + 1, reB, imB);
    }
  }
  for (let t = diffFrames; t < frames; t++) {
    const row = t * dims;
    const prev = (t - diffFrames) * dims;
    for (let b = 0; b < bands; b++) {
      const d = out[row + b]! - out[prev + b]!;
      out[row + bands + b] = d > 0 ? d : 0;
    }
  }
  return { data: out, frames, dims };
}

/** Input samples per kernel block (bounds the kernel memory for long signals). */
const KERNEL_BLOCK_SAMPLES = 1 << 17;

/** A Bluestein transform with the window, filterbank and a signal block in kernel memory (cached per options). */
interface PairsPlan {
  fft: RealTransform;
  pairs: number;
  rows: Float32Array;
}

const pairsPlans = new Map<string, PairsPlan | undefined>();

function pairsPlan(frameSize: number, hop: number, window: Float64Array, fb: FlatFilterbank): PairsPlan | undefined {
  if (!kernelAvailable()) return undefined;
  const numBins = frameSize >> 1;
  const { bands } = fb;
  const pairs = Math.max(1, Math.floor((KERNEL_BLOCK_SAMPLES - frameSize) / (2 * hop)));
  const blockLen = (2 * pairs - 1) * hop + frameSize;
  const fft = new RealTransform(frameSize, [blockLen, frameSize, 2 * numBins, bands, fb.weights.length, pairs * bands]);
  const c = fft.bluestein;
  if (c?.kernel === undefined) return undefined;
  const v = c.extra;
  v[5]!.set(window);
  loadFilterbank(v[7]!, v[8]!, fb);
  const rowArea = v[9]!;
  return { fft, pairs, rows: new Float32Array(rowArea.buffer, rowArea.byteOffset, 2 * pairs * bands) };
}

/**
 * The frame loop of {@link logSpect} in the WebAssembly kernel (`bluestein`: windowing, chirp, both transforms,
 * untangling, complex64 rounding, magnitudes, filterbank), then `log10(1 + x)` here. Same operations in the same
 * order as the JavaScript path. Returns false where the kernel is unavailable or the size is a power of two.
 */
function kernelPairs(
  y: Float32Array | Float64Array,
  frames: number,
  hop: number,
  frameSize: number,
  ref: number,
  window: Float64Array,
  fb: FlatFilterbank,
  out: Float32Array,
  dims: number,
  planKey: string,
): boolean {
  const plan = kernelAvailable() ? cachedPlan(pairsPlans, planKey, 4, () => pairsPlan(frameSize, hop, window, fb)) : undefined;
  if (plan === undefined) return false;
  const { pairs, rows } = plan;
  const c = plan.fft.bluestein!;
  const kernel = c.kernel!;
  const numBins = frameSize >> 1;
  const { bands } = fb;
  const block = c.extra[4]!;
  const o = c.extraOffsets;
  const { re, im, perm, tw, m } = c.layout;
  for (let t0 = 0; t0 < frames; t0 += 2 * pairs) {
    const count = Math.min(pairs, Math.ceil((frames - t0) / 2));
    // zero-padded input from frame t0's start (frames are zero outside the signal)
    copyPadded(block, y, t0 * hop - ref, (2 * count - 1) * hop + frameSize);
    kernel.bluestein(
      count, o[4]!, 8 * hop, o[5]!, o[2]!, o[3]!, frameSize, c.layoutInput.re, c.layoutInput.im, re, im, perm, tw,
      c.size, m, c.firstRadix2 ? 1 : 0, o[0]!, o[1]!, o[6]!, numBins, o[7]!, o[7]! + 4 * bands, o[8]!, o[9]!, bands,
      c.layout3.n4, c.layout3.tw3,
    );
    const last = Math.min(frames, t0 + 2 * count);
    for (let t = t0; t < last; t++) {
      const row = t * dims;
      const src = (t - t0) * bands;
      for (let b = 0; b < bands; b++) out[row + b] = log10Float32(Math.fround(rows[src + b]! + 1));
    }
  }
  return true;
}
