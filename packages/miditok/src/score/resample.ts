import { roundHalfAway } from '../numeric/rounding.js';
import type { Score } from './score.js';

/**
 * symusic's `Score.resample(tpq, min_dur)`: every time `round(t · r)` (half away from zero, `r = tpq / old`),
 * note and pedal durations resampled on their own with a minimum of `minDur`.
 */
export function resampleScore(score: Score, tpq: number, minDur = 0): Score {
  const r = tpq / score.tpq;
  const t = (x: number): number => roundHalfAway(x * r);
  const d = (x: number): number => Math.max(roundHalfAway(x * r), minDur);
  return {
    tpq,
    tracks: score.tracks.map((tr) => ({
      name: tr.name,
      program: tr.program,
      isDrum: tr.isDrum,
      notes: tr.notes.map((n) => ({ time: t(n.time), duration: d(n.duration), pitch: n.pitch, velocity: n.velocity })),
      controls: tr.controls.map((c) => ({ time: t(c.time), number: c.number, value: c.value })),
      pitchBends: tr.pitchBends.map((b) => ({ time: t(b.time), value: b.value })),
      pedals: tr.pedals.map((p) => ({ time: t(p.time), duration: d(p.duration) })),
      lyrics: tr.lyrics.map((l) => ({ time: t(l.time), text: l.text })),
    })),
    tempos: score.tempos.map((e) => ({ time: t(e.time), mspq: e.mspq })),
    timeSignatures: score.timeSignatures.map((e) => ({ time: t(e.time), numerator: e.numerator, denominator: e.denominator })),
    keySignatures: score.keySignatures.map((e) => ({ time: t(e.time), key: e.key, tonality: e.tonality })),
    markers: score.markers.map((e) => ({ time: t(e.time), text: e.text })),
  };
}
