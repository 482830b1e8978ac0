import { DataError } from '@mirkit/core';

/** Largest beat time mir_eval accepts (seconds). */
export const MAX_BEAT_TIME = 30000;

/** Beat times as accepted by the metrics. */
export type BeatTimes = Float64Array | readonly number[];

/**
 * Checks beat times like `mir_eval.beat.validate`: finite, non-decreasing, at most 30000 s. Returns a Float64Array.
 * (mir_eval only warns on empty input; empty arrays are valid here too.)
 *
 * @throws DataError `ERR_BEAT_TIMES` naming the input and the offending index.
 */
export function validateBeats(beats: BeatTimes, name = 'beats'): Float64Array {
  const out = beats instanceof Float64Array ? beats : Float64Array.from(beats);
  for (let i = 0; i < out.length; i++) {
    const t = out[i]!;
    if (!Number.isFinite(t)) throw new DataError('ERR_BEAT_TIMES', `${name}[${i}] is ${t}; beat times must be finite seconds`, { details: { name, index: i } });
    if (t > MAX_BEAT_TIME) {
      throw new DataError('ERR_BEAT_TIMES', `${name}[${i}] = ${t} s exceeds ${MAX_BEAT_TIME} s; are the times in seconds?`, { details: { name, index: i } });
    }
    if (i > 0 && t < out[i - 1]!) {
      throw new DataError('ERR_BEAT_TIMES', `${name} must be non-decreasing, but ${name}[${i}] = ${t} < ${name}[${i - 1}] = ${out[i - 1]}`, {
        details: { name, index: i },
      });
    }
  }
  return out;
}
