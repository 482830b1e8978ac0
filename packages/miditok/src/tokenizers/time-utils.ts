import type { Score, TimeSignature } from '../score/score.js';
import { scoreEnd } from '../score/score.js';

/** symusic `Tempo(time, qpm)`: microseconds per quarter, rounded to an integer. */
export function qpmToMspq(qpm: number): number {
  return Math.round(60_000_000 / qpm);
}

/** MidiTok `compute_ticks_per_beat`. */
export function ticksPerBeatOf(denominator: number, tpq: number): number {
  if (denominator === 4) return tpq;
  return Math.trunc(tpq * (4 / denominator));
}

/** MidiTok `compute_ticks_per_bar`. */
export function ticksPerBarOf(ts: { numerator: number; denominator: number }, tpq: number): number {
  return Math.trunc(ticksPerBeatOf(ts.denominator, tpq) * ts.numerator);
}

/** Rows `[endTick, ticksPerBeat]` (MidiTok `get_score_ticks_per_beat`). */
export function scoreTicksPerBeat(score: Score): [number, number][] {
  const ts = score.timeSignatures;
  const rows: [number, number][] = [];
  for (let i = 0; i < ts.length - 1; i++) rows.push([ts[i + 1]!.time, ticksPerBeatOf(ts[i]!.denominator, score.tpq)]);
  rows.push([scoreEnd(score) + 1, ticksPerBeatOf(ts[ts.length - 1]!.denominator, score.tpq)]);
  for (let i = rows.length - 1; i > 0; i--) {
    if (rows[i]![1] === rows[i - 1]![1]) {
      rows[i - 1]![0] = rows[i]![0];
      rows.splice(i, 1);
    }
  }
  return rows;
}

function maxTickOnlyOnsets(score: Score): number {
  const last = <T extends { time: number }>(a: T[]): number => (a.length > 0 ? a[a.length - 1]!.time : 0);
  let m = Math.max(last(score.tempos), last(score.timeSignatures), last(score.keySignatures), last(score.markers), 0);
  for (const t of score.tracks) m = Math.max(m, last(t.notes), last(t.controls), last(t.pitchBends), last(t.lyrics));
  return m;
}

function unitTicks(score: Score, onlyNotesOnsets: boolean, perBar: boolean): number[] {
  const maxTick = onlyNotesOnsets ? maxTickOnlyOnsets(score) : scoreEnd(score);
  if (maxTick === 0) return [0];
  const out: number[] = [];
  const tss: TimeSignature[] = score.timeSignatures.length > 0 ? [...score.timeSignatures] : [{ time: 0, numerator: 4, denominator: 4 }];
  tss.push({ time: maxTick + (onlyNotesOnsets ? 1 : 0), numerator: 4, denominator: 4 });
  let cur: TimeSignature =
    tss[0]!.time === 0 && tss[0]!.denominator > 0 && tss[0]!.numerator > 0 ? tss[0]! : { time: 0, numerator: 4, denominator: 4 };
  for (const ts of tss.slice(1)) {
    if (ts.denominator <= 0 || ts.numerator <= 0) continue;
    const unit = perBar ? ticksPerBarOf(cur, score.tpq) : ticksPerBeatOf(cur.denominator, score.tpq);
    const n = Math.ceil((ts.time - cur.time) / unit);
    for (let i = 0; i < n; i++) out.push(cur.time + unit * i);
    cur = ts;
  }
  return out;
}

/** MidiTok `get_bars_ticks` (HEAD, with the +1 tick when `onlyNotesOnsets`). */
export function getBarsTicks(score: Score, onlyNotesOnsets = false): number[] {
  return unitTicks(score, onlyNotesOnsets, true);
}

/** MidiTok `get_beats_ticks`. */
export function getBeatsTicks(score: Score, onlyNotesOnsets = false): number[] {
  return unitTicks(score, onlyNotesOnsets, false);
}
