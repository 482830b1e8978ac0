/** A filterbank stored as one contiguous run of non-zero weights per band. */
export interface SparseFilterbank {
  /** Number of input bins. */
  bins: number;
  /** First bin of each band. */
  starts: Int32Array;
  /** Weights of each band, starting at its first bin. */
  weights: Float32Array[];
}

/** Dense (bands, bins) row-major matrix of a sparse filterbank. */
export function denseFilterbank(fb: SparseFilterbank): Float32Array {
  const bands = fb.weights.length;
  const out = new Float32Array(bands * fb.bins);
  for (let b = 0; b < bands; b++) out.set(fb.weights[b]!, b * fb.bins + fb.starts[b]!);
  return out;
}

/** Builds the sparse form from a dense (bands, bins) matrix, trimming leading/trailing zeros of each row. */
export function sparseFromDense(dense: Float32Array, bands: number, bins: number): SparseFilterbank {
  const starts = new Int32Array(bands);
  const weights: Float32Array[] = [];
  for (let b = 0; b < bands; b++) {
    const row = dense.subarray(b * bins, (b + 1) * bins);
    let lo = 0;
    while (lo < bins && row[lo] === 0) lo++;
    let hi = bins;
    while (hi > lo && row[hi - 1] === 0) hi--;
    starts[b] = lo;
    weights.push(row.slice(lo, hi));
  }
  return { bins, starts, weights };
}

/**
 * Applies a filterbank to a (bins, frames) row-major spectrogram: (bands, frames) float32, accumulated in float64.
 */
export function applyFilterbank(fb: SparseFilterbank, spec: Float32Array, frames: number): Float32Array {
  const bands = fb.weights.length;
  const out = new Float32Array(bands * frames);
  const acc = new Float64Array(frames);
  for (let b = 0; b < bands; b++) {
    acc.fill(0);
    const w = fb.weights[b]!;
    const s0 = fb.starts[b]!;
    for (let j = 0; j < w.length; j++) {
      const wj = w[j]!;
      if (wj === 0) continue;
      const row = (s0 + j) * frames;
      for (let t = 0; t < frames; t++) acc[t]! += wj * spec[row + t]!;
    }
    out.set(acc, b * frames);
  }
  return out;
}
