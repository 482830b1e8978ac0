import type { Command } from '@mirkit/core';
import type { BeatTargetBuilder, BeatTargetBuilderOptions } from './annotations/beat-target-builder.js';

export { beatnet } from './plugin.js';
export { parseBeats, readBeatsFile, downbeatTimes, type BeatAnnotation } from './annotations/parse-beats.js';
export { parseDatasetIndex, readDatasetIndex, type DatasetIndexRow } from './annotations/dataset-index.js';
export { beatsToTargets, timeToFrame, type BeatTargetOptions, type BeatTargets } from './annotations/beats-to-targets.js';
export { createBeatTargetBuilder, type BeatTargetBuilder, type BeatTargetBuilderOptions } from './annotations/beat-target-builder.js';
export { roundHalfEven } from './numeric/round-half-even.js';
export { validateBeats, MAX_BEAT_TIME, type BeatTimes } from './metrics/validate-beats.js';
export { trimBeats } from './metrics/trim-beats.js';
export { matchEvents } from './metrics/match-events.js';
export { referenceVariations } from './metrics/reference-variations.js';
export { fMeasure } from './metrics/f-measure.js';
export { cemgil } from './metrics/cemgil.js';
export { goto } from './metrics/goto.js';
export { pScore } from './metrics/p-score.js';
export { continuity, type ContinuityScores } from './metrics/continuity.js';
export { informationGain } from './metrics/information-gain.js';
export { beatEvaluate, type BeatEvaluateOptions, type BeatScores } from './metrics/evaluate.js';
export { createEvaluateCommand } from './commands/evaluate-command.js';

declare module '@mirkit/core' {
  interface TargetRegistry {
    /** (T, 2) beat/downbeat frame targets at 50 fps (LTM fork rule: Python round, out-of-range frames dropped). */
    'beatnet/beat-targets': (options: BeatTargetBuilderOptions) => BeatTargetBuilder;
  }
  interface CommandRegistry {
    /** `mirkit beatnet evaluate <reference.beats> <estimate.beats>`. */
    'beatnet/evaluate': () => Command;
  }
  interface MirErrorCodes {
    ERR_BEATS_PARSE: true;
    ERR_DATASET_INDEX: true;
    ERR_BEAT_TIMES: true;
  }
}
