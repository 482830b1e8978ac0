import { mapScoreEvents, type Score } from './score.js';

/**
 * symusic `Score.clip(start, end, clip_end=False)`: keeps the events whose time is in `[start, end)` (notes and
 * pedals keep their durations). Times are not shifted.
 */
export function clipScore(score: Score, start: number, end: number): Score {
  return mapScoreEvents(score, (a) => a.filter((e) => e.time >= start && e.time < end).map((e) => ({ ...e })));
}
