import { validateBeats, type BeatTimes } from './validate-beats.js';

/** `mir_eval.beat.trim_beats`: keeps beats at or after `minBeatTime` (default 5 s). */
export function trimBeats(beats: BeatTimes, minBeatTime = 5.0): Float64Array {
  return validateBeats(beats).filter((t) => t >= minBeatTime);
}
