import { ConfigError } from '@mirkit/core';
import { RealFft } from '../fft/real-fft.js';
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
  const fft = new RealFft(frameSize);
  const frameA = new Float64Array(frameSize);
  const frameB = new Float64Array(frameSize);
  const reA = new Float64Array(fft.bins);
  const imA = new Float64Array(fft.bins);
  const reB = new Float64Array(fft.bins);
  const imB = new Float64Array(fft.bins);
  const mag = new Float32Array(numBins);
  const out = new Float32Array(frames * dims);
  const ref = frameSize >> 1;
  const fill = (t: number, frame: Float64Array) => {
    const start = Math.floor(t * hop) - ref;
    if (t >= frames) frame.fill(0);
    else if (start >= 0 && start + frameSize <= n) for (let i = 0; i < frameSize; i++) frame[i] = y[start + i]! * window[i]!;
    else
      for (let i = 0; i < frameSize; i++) {
        const s = start + i;
        frame[i] = s >= 0 && s < n ? y[s]! * window[i]! : 0;
      }
  };
  const emit = (t: number, re: Float64Array, im: Float64Array) => {
    for (let k = 0; k < numBins; k++) {
      // complex64 rounding of the spectrum, float32 magnitude
      const r = Math.fround(re[k]!);
      const m = Math.fround(im[k]!);
      mag[k] = Math.sqrt(r * r + m * m);
    }
    const row = t * dims;
    for (let b = 0; b < bands; b++) {
      const w = fb.weights[b]!;
      const s0 = fb.starts[b]!;
      let acc = 0;
      for (let j = 0; j < w.length; j++) acc += mag[s0 + j]! * w[j]!;
      out[row + b] = Math.log10(Math.fround(Math.fround(acc) + 1));
    }
  };
  // two frames per transform
  for (let t = 0; t < frames; t += 2) {
    fill(t, frameA);
    fill(t + 1, frameB);
    fft.forward2(frameA, frameB, reA, imA, reB, imB);
    emit(t, reA, imA);
    if (t + 1 < frames) emit(t + 1, reB, imB);
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
