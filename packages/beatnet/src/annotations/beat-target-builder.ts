import type { BeatAnnotation } from './parse-beats.js';
import { beatsToTargets, type BeatTargets } from './beats-to-targets.js';

/** Options of the `beatnet/beat-targets` target builder. */
export interface BeatTargetBuilderOptions {
  /** Target frame rate; default 50 (BeatNet's 441-sample hop at 22050 Hz). */
  fps?: number;
}

/** Builds (T, 2) beat/downbeat frame targets; the product of the `beatnet/beat-targets` registry entry. */
export interface BeatTargetBuilder {
  readonly fps: number;
  build(annotation: BeatAnnotation, numFrames: number, hasDownbeats?: boolean): BeatTargets;
}

/** Creates a {@link BeatTargetBuilder} (registered as target `beatnet/beat-targets`). */
export function createBeatTargetBuilder(options: BeatTargetBuilderOptions = {}): BeatTargetBuilder {
  const fps = options.fps ?? 50;
  // Validate once, eagerly.
  beatsToTargets({ times: new Float64Array(0), beatNumbers: null, hasDownbeats: false }, { numFrames: 0, fps });
  return {
    fps,
    build: (annotation, numFrames, hasDownbeats) =>
      beatsToTargets(annotation, hasDownbeats === undefined ? { numFrames, fps } : { numFrames, fps, hasDownbeats }),
  };
}
