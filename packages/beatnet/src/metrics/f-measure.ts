import { matchEvents } from './match-events.js';
import { validateBeats, type BeatTimes } from './validate-beats.js';

/**
 * `mir_eval.beat.f_measure`: F-measure of the maximum matching within ±`window` (default 0.07 s). 0 when either
 * input is empty. Not trimmed (use {@link beatEvaluate} or `trimBeats` for the 5-s rule).
 */
export function fMeasure(reference: BeatTimes, estimate: BeatTimes, window = 0.07): number {
  const ref = validateBeats(reference, 'reference');
  const est = validateBeats(estimate, 'estimate');
  if (ref.length === 0 || est.length === 0) return 0;
  const matched = matchEvents(ref, est, window).length;
  const precision = matched / est.length;
  const recall = matched / ref.length;
  if (precision === 0 && recall === 0) return 0;
  return (2 * precision * recall) / (precision + recall);
}
