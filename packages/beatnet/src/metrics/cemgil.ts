import { referenceVariations } from './reference-variations.js';
import { validateBeats, type BeatTimes } from './validate-beats.js';

/**
 * `mir_eval.beat.cemgil`: Gaussian-error accuracy (σ default 0.04 s) for the reference and each metric-level
 * variation. Returns `[cemgil, bestMetricLevel]` (the value for the reference, and the maximum over variations);
 * `[0, 0]` when either input is empty.
 */
export function cemgil(reference: BeatTimes, estimate: BeatTimes, sigma = 0.04): [number, number] {
  const ref = validateBeats(reference, 'reference');
  const est = validateBeats(estimate, 'estimate');
  if (ref.length === 0 || est.length === 0) return [0, 0];
  const accuracies = referenceVariations(ref).map((variation) => {
    let accuracy = 0;
    for (const beat of variation) {
      let nearest = Number.POSITIVE_INFINITY;
      for (const e of est) nearest = Math.min(nearest, Math.abs(beat - e));
      accuracy += Math.exp(-(nearest * nearest) / (2.0 * sigma ** 2));
    }
    return accuracy / (0.5 * (est.length + variation.length));
  });
  return [accuracies[0]!, Math.max(...accuracies)];
}
