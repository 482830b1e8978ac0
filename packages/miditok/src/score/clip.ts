import type { Score } from './score.js';

/**
 * symusic `Score.clip(start, end, clip_end=False)`: keeps the events whose time is in `[start, end)` (notes and
 * pedals keep their durations). Times are not shifted.
 */
export function clipScore(score: Score, start: number, end: number): Score {
  const keep = <T extends { time: number }>(a: T[]): T[] => a.filter((e) => e.time >= start && e.time < end).map((e) => ({ ...e }));
  return {
    tpq: score.tpq,
    tracks: score.tracks.map((t) => ({
      name: t.name,
      program: t.program,
      isDrum: t.isDrum,
      notes: keep(t.notes),
      controls: keep(t.controls),
      pitchBends: keep(t.pitchBends),
      pedals: keep(t.pedals),
      lyrics: keep(t.lyrics),
    })),
    tempos: keep(score.tempos),
    timeSignatures: keep(score.timeSignatures),
    keySignatures: keep(score.keySignatures),
    markers: keep(score.markers),
  };
}
