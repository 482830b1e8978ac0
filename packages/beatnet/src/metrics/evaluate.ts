import { cemgil } from './cemgil.js';
import { continuity } from './continuity.js';
import { fMeasure } from './f-measure.js';
import { goto } from './goto.js';
import { informationGain } from './information-gain.js';
import { pScore } from './p-score.js';
import { trimBeats } from './trim-beats.js';
import type { BeatTimes } from './validate-beats.js';

/** The scores of `mir_eval.beat.evaluate`, keys in upstream order. */
export interface BeatScores {
  'F-measure': number;
  Cemgil: number;
  'Cemgil Best Metric Level': number;
  Goto: number;
  'P-score': number;
  'Correct Metric Level Continuous': number;
  'Correct Metric Level Total': number;
  'Any Metric Level Continuous': number;
  'Any Metric Level Total': number;
  'Information gain': number;
}

/** Parameters of {@link beatEvaluate} (mir_eval defaults). */
export interface BeatEvaluateOptions {
  /** Beats before this time are ignored (trim_beats); default 5 s. */
  minBeatTime?: number;
  fMeasureThreshold?: number;
  cemgilSigma?: number;
  gotoThreshold?: number;
  gotoMu?: number;
  gotoSigma?: number;
  pScoreThreshold?: number;
  continuityPhaseThreshold?: number;
  continuityPeriodThreshold?: number;
  informationGainBins?: number;
}

/**
 * `mir_eval.beat.evaluate`: trims both sequences at `minBeatTime` (5 s), then computes every beat metric.
 * Inputs are beat times in seconds (float64), non-decreasing. Evaluate downbeats by passing downbeat times.
 */
export function beatEvaluate(reference: BeatTimes, estimate: BeatTimes, options: BeatEvaluateOptions = {}): BeatScores {
  const minBeatTime = options.minBeatTime ?? 5.0;
  const ref = trimBeats(reference, minBeatTime);
  const est = trimBeats(estimate, minBeatTime);
  const [cem, cemBest] = cemgil(ref, est, options.cemgilSigma);
  const [cmlc, cmlt, amlc, amlt] = continuity(ref, est, options.continuityPhaseThreshold, options.continuityPeriodThreshold);
  return {
    'F-measure': fMeasure(ref, est, options.fMeasureThreshold),
    Cemgil: cem,
    'Cemgil Best Metric Level': cemBest,
    Goto: goto(ref, est, options.gotoThreshold, options.gotoMu, options.gotoSigma),
    'P-score': pScore(ref, est, options.pScoreThreshold),
    'Correct Metric Level Continuous': cmlc,
    'Correct Metric Level Total': cmlt,
    'Any Metric Level Continuous': amlc,
    'Any Metric Level Total': amlt,
    'Information gain': informationGain(ref, est, options.informationGainBins),
  };
}
