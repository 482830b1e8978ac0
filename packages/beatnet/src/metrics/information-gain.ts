import { searchSorted } from './match-events.js';
import { validateBeats, type BeatTimes } from './validate-beats.js';

/** numpy `np.mod(x, -1)`: result in (−1, 0], `-0` for exact multiples. */
function modMinusOne(x: number): number {
  const r = x % -1; // C fmod: sign of the dividend
  if (r === 0) return -0;
  return r > 0 ? r - 1 : r;
}

/** Entropy of the beat-error histogram of `estimate` relative to `reference` (mir_eval `_get_entropy`). */
function beatErrorEntropy(reference: Float64Array, estimate: Float64Array, bins: number): number {
  const last = reference.length - 1;
  const at = (i: number) => reference[i < 0 ? reference.length + i : i]!;
  // Bin edges exactly as np.linspace(-0.5, 0.5, bins + 1).
  const step = 1 / bins;
  const edges = Float64Array.from({ length: bins + 1 }, (_, i) => i * step + -0.5);
  edges[bins] = 0.5;
  const counts = new Float64Array(bins);
  let total = 0;
  for (const e of estimate) {
    let closest = 0;
    let best = Number.POSITIVE_INFINITY;
    for (let k = 0; k < reference.length; k++) {
      const d = Math.abs(e - reference[k]!);
      if (d < best) {
        best = d;
        closest = k;
      }
    }
    const error = e - reference[closest]!;
    let interval: number;
    if (closest === last) interval = 0.5 * (at(-1) - at(-2));
    // mir_eval quirk: for closest = 0 and a negative error this reads reference[-1] (the last beat).
    else if (error < 0) interval = 0.5 * (reference[closest]! - at(closest - 1));
    else interval = 0.5 * (reference[closest + 1]! - reference[closest]!);
    const wrapped = modMinusOne(0.5 * error / interval + 0.5) + 0.5;
    if (!(wrapped >= edges[0]! && wrapped <= edges[bins]!)) continue; // outside the range: not counted (NaN too)
    // numpy histogram: bin i holds [edges[i], edges[i+1]), the last bin is closed.
    const bin = Math.min(searchSorted(edges, wrapped, 'right') - 1, bins - 1);
    counts[bin]!++;
    total++;
  }
  let entropy = 0;
  for (const c of counts) {
    const p = c === 0 ? 1 : c / total;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/**
 * `mir_eval.beat.information_gain` (Davies et al. 2009): `(log2 bins − max(H(ref→est), H(est→ref))) / log2 bins`
 * over a `bins`-bin (default 41) histogram of beat errors wrapped to (−0.5, 0.5]. 0 when either has ≤ 1 beat.
 */
export function informationGain(reference: BeatTimes, estimate: BeatTimes, bins = 41): number {
  const ref = validateBeats(reference, 'reference');
  const est = validateBeats(estimate, 'estimate');
  if (ref.length <= 1 || est.length <= 1) return 0;
  const forward = beatErrorEntropy(ref, est, bins);
  const backward = beatErrorEntropy(est, ref, bins);
  const norm = Math.log2(bins);
  return (norm - (forward > backward ? forward : backward)) / norm;
}
