import { referenceVariations } from './reference-variations.js';
import { validateBeats, type BeatTimes } from './validate-beats.js';

/** `[CMLc, CMLt, AMLc, AMLt]`. */
export type ContinuityScores = [number, number, number, number];

/** Python indexing: `a[-1]` is the last element. */
const at = (a: Float64Array, i: number): number => a[i < 0 ? a.length + i : i]!;

function variationAccuracy(variation: Float64Array, est: Float64Array, phaseThreshold: number, periodThreshold: number): [number, number] {
  const n = Math.max(variation.length, est.length);
  const used = new Uint8Array(variation.length);
  const success = new Uint8Array(n);
  for (let m = 0; m < est.length; m++) {
    // Nearest annotation (first index on ties, like numpy argmin).
    let nearest = 0;
    let minDiff = Number.POSITIVE_INFINITY;
    for (let k = 0; k < variation.length; k++) {
      const d = Math.abs(est[m]! - variation[k]!);
      if (d < minDiff) {
        minDiff = d;
        nearest = k;
      }
    }
    if (used[nearest]) continue;
    let phase: number;
    let period: number;
    if (m === 0 || nearest === 0) {
      // Look forward (or back at the last annotation / beat).
      const refInterval = nearest + 1 < variation.length ? variation[nearest + 1]! - variation[nearest]! : variation[nearest]! - at(variation, nearest - 1);
      const estInterval = m + 1 < est.length ? est[m + 1]! - est[m]! : est[m]! - at(est, m - 1);
      if (refInterval === 0) {
        phase = minDiff === 0 ? 1 : Number.POSITIVE_INFINITY;
        period = estInterval === 0 ? 0 : Number.POSITIVE_INFINITY;
      } else {
        phase = Math.abs(minDiff / refInterval);
        period = Math.abs(1 - estInterval / refInterval);
      }
    } else {
      const refInterval = variation[nearest]! - variation[nearest - 1]!;
      phase = Math.abs(minDiff / refInterval);
      period = Math.abs(1 - (est[m]! - est[m - 1]!) / refInterval);
    }
    if (phase < phaseThreshold && period < periodThreshold) {
      used[nearest] = 1;
      success[m] = 1;
    }
  }
  let longest = 0;
  let run = 0;
  let total = 0;
  for (const s of success) {
    total += s;
    run = s ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return [longest / n, total / n];
}

/**
 * `mir_eval.beat.continuity` (Hainsworth 2004; Klapuri et al. 2006): correct-metric-level continuous / total
 * (CMLc, CMLt, on the reference) and any-metric-level continuous / total (AMLc, AMLt, maxima over the five
 * variations). Accuracies are divided by `max(|variation|, |estimate|)`. Zeros when either has ≤ 1 beat.
 */
export function continuity(reference: BeatTimes, estimate: BeatTimes, phaseThreshold = 0.175, periodThreshold = 0.175): ContinuityScores {
  const ref = validateBeats(reference, 'reference');
  const est = validateBeats(estimate, 'estimate');
  if (ref.length <= 1 || est.length <= 1) return [0, 0, 0, 0];
  const scores = referenceVariations(ref).map((v) => variationAccuracy(v, est, phaseThreshold, periodThreshold));
  return [scores[0]![0], scores[0]![1], Math.max(...scores.map((s) => s[0])), Math.max(...scores.map((s) => s[1]))];
}
