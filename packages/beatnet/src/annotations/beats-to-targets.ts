import { ConfigError, ndarray, type NdArray } from '@mirkit/core';
import type { BeatAnnotation } from './parse-beats.js';
import { roundHalfEven } from '../numeric/round-half-even.js';

/** Options of {@link beatsToTargets}. */
export interface BeatTargetOptions {
  /** Number of frames T of the item (`ceil(N / 441)` at 22050 Hz). */
  numFrames: number;
  /** Target frame rate; default 50. */
  fps?: number;
  /** Override the downbeat column (e.g. the index's `has_downbeats`); default: the annotation has beat numbers. */
  hasDownbeats?: boolean;
}

/** Frame targets of one annotation. */
export interface BeatTargets {
  /** (T, 2) float32: column 0 = 1 at every beat (downbeats included), column 1 = 1 at downbeats. */
  targets: NdArray<'float32'>;
  /** 1 when the downbeat column is meaningful, 0 for times-only annotations (train without that column). */
  downbeatMask: number;
  /** Beats dropped because their frame falls outside [0, T): `{ index, time, frame }`. */
  dropped: { index: number; time: number; frame: number }[];
}

/** Frame of a time: Python `round(t · fps)` (ties to even), as the LTM fork computes it. */
export function timeToFrame(time: number, fps = 50): number {
  return roundHalfEven(time * fps);
}

/**
 * Builds the LTM frame targets of an annotation (beatnet.md §8.5, §11): `frame = round(t · fps)` with Python's
 * ties-to-even rule, frames outside [0, T) dropped (not clipped), duplicates simply set 1.
 *
 * @throws ConfigError `ERR_INVALID_OPTION` for a negative or non-integer `numFrames` or a non-positive `fps`.
 */
export function beatsToTargets(annotation: BeatAnnotation, options: BeatTargetOptions): BeatTargets {
  const { numFrames } = options;
  const fps = options.fps ?? 50;
  if (!Number.isInteger(numFrames) || numFrames < 0) {
    throw new ConfigError('ERR_INVALID_OPTION', `numFrames should be a non-negative integer, but got ${numFrames}`);
  }
  if (!(fps > 0) || !Number.isFinite(fps)) throw new ConfigError('ERR_INVALID_OPTION', `fps should be a positive number, but got ${fps}`);
  const withDownbeats = (options.hasDownbeats ?? annotation.hasDownbeats) && annotation.beatNumbers !== null;
  const data = new Float32Array(numFrames * 2);
  const dropped: BeatTargets['dropped'] = [];
  annotation.times.forEach((time, index) => {
    const frame = timeToFrame(time, fps);
    if (frame < 0 || frame >= numFrames) {
      dropped.push({ index, time, frame });
      return;
    }
    data[frame * 2] = 1;
    if (withDownbeats && annotation.beatNumbers![index] === 1) data[frame * 2 + 1] = 1;
  });
  return { targets: ndarray(data, [numFrames, 2], 'float32'), downbeatMask: withDownbeats ? 1 : 0, dropped };
}
