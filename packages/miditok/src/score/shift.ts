import { mapScoreEvents, type Score } from './score.js';

/** symusic `Score.shift_time(offset)`: adds `offset` to every event time. */
export function shiftScoreTime(score: Score, offset: number): Score {
  return mapScoreEvents(score, (a) => a.map((e) => ({ ...e, time: e.time + offset })));
}
