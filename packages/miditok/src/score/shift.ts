import type { Score } from './score.js';

/** symusic `Score.shift_time(offset)`: adds `offset` to every event time. */
export function shiftScoreTime(score: Score, offset: number): Score {
  const sh = <T extends { time: number }>(a: T[]): T[] => a.map((e) => ({ ...e, time: e.time + offset }));
  return {
    tpq: score.tpq,
    tracks: score.tracks.map((t) => ({
      name: t.name,
      program: t.program,
      isDrum: t.isDrum,
      notes: sh(t.notes),
      controls: sh(t.controls),
      pitchBends: sh(t.pitchBends),
      pedals: sh(t.pedals),
      lyrics: sh(t.lyrics),
    })),
    tempos: sh(score.tempos),
    timeSignatures: sh(score.timeSignatures),
    keySignatures: sh(score.keySignatures),
    markers: sh(score.markers),
  };
}
