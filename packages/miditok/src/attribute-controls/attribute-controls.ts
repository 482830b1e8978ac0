import type { Rng } from '@mirkit/core';
import type { Note, Score, Track } from '../score/score.js';
import { trackEnd } from '../score/score.js';
import { linspace } from '../numeric/linspace.js';
import { ev, type Event } from '../tokenizers/event.js';
import { getBarsTicks } from '../tokenizers/time-utils.js';

/** An attribute control: its vocabulary tokens and how to compute its events for a track. */
export interface AttributeControl {
  readonly kind: 'track' | 'bar';
  readonly tokens: readonly string[];
  /** Track-level events have time −1 (sorted first); bar-level events the tick of their bar. */
  compute(track: Track, tpq: number, ticksBars: readonly number[], barsIdx: readonly number[]): Event[];
}

const DURATION_NAMES = ['Whole', 'Half', 'Quarter', 'Eight', 'Sixteenth', 'ThirtySecond'] as const;
const DURATION_FACTORS = [4, 2, 1, 0.5, 0.25];

function onsetCounts(notes: readonly Note[]): number[] {
  const m = new Map<number, number>();
  for (const n of notes) m.set(n.time, (m.get(n.time) ?? 0) + 1);
  return [...m.values()];
}

/** `ACTrackOnsetPolyphonyMin/Max` (MidiTok `TrackOnsetPolyphony`). */
export function trackOnsetPolyphony(min: number, max: number): AttributeControl {
  const tokens: string[] = [];
  for (const t of ['ACTrackOnsetPolyphonyMin', 'ACTrackOnsetPolyphonyMax']) for (let v = min; v <= max; v++) tokens.push(`${t}_${v}`);
  return {
    kind: 'track',
    tokens,
    compute(track) {
      const c = onsetCounts(track.notes);
      let lo = Math.min(...c);
      const hi = Math.max(...c);
      if (lo > min) lo = min;
      return [ev('ACTrackOnsetPolyphonyMin', Math.max(lo, min), -1), ev('ACTrackOnsetPolyphonyMax', Math.min(hi, max), -1)];
    },
  };
}

/** `ACTrackNoteDuration{Whole…}_{0,1}` (MidiTok `TrackNoteDuration`; `ThirtySecond` is never computed, as upstream). */
export function trackNoteDuration(): AttributeControl {
  return {
    kind: 'track',
    tokens: DURATION_NAMES.flatMap((d) => [`ACTrackNoteDuration${d}_0`, `ACTrackNoteDuration${d}_1`]),
    compute(track, tpq) {
      const durs = new Set(track.notes.map((n) => n.duration));
      return DURATION_FACTORS.map((f, i) => ev(`ACTrackNoteDuration${DURATION_NAMES[i]!}`, durs.has(tpq * f) ? 1 : 0, -1));
    },
  };
}

/** `ACTrackNoteDensityMin/Max` (notes per bar, `max+` above; MidiTok `TrackNoteDensity`). */
export function trackNoteDensity(min: number, max: number): AttributeControl {
  const tokens: string[] = [];
  for (let i = min; i < max; i++) tokens.push(`ACTrackNoteDensityMin_${i}`);
  for (let i = min; i < max; i++) tokens.push(`ACTrackNoteDensityMax_${i}`);
  tokens.push(`ACTrackNoteDensityMin_${max}+`, `ACTrackNoteDensityMax_${max}+`);
  return {
    kind: 'track',
    tokens,
    compute(track, _tpq, ticksBars) {
      const bins = [...ticksBars];
      const end = trackEnd(track);
      if (end > bins[bins.length - 1]!) bins.push(end + 1);
      // numpy.histogram: half-open bins, the last one closed
      const hist = new Array<number>(Math.max(bins.length - 1, 0)).fill(0);
      for (const n of track.notes) {
        for (let b = 0; b < bins.length - 1; b++) {
          const last = b === bins.length - 2;
          if (n.time >= bins[b]! && (n.time < bins[b + 1]! || (last && n.time === bins[b + 1]!))) {
            hist[b]!++;
            break;
          }
        }
      }
      const lo = Math.min(...hist);
      const hi = Math.max(...hist);
      if (lo >= max) return [ev('ACTrackNoteDensityMin', `${max}+`, -1), ev('ACTrackNoteDensityMax', `${max}+`, -1)];
      return [ev('ACTrackNoteDensityMin', lo, -1), ev('ACTrackNoteDensityMax', hi >= max ? `${max}+` : hi, -1)];
    },
  };
}

/**
 * `ACTrackRepetition_{x.xx}`: mean onset/offset pianoroll overlap of each bar with the next bars (MidiTok
 * `TrackRepetition`; the pianoroll layout follows symusic's `pianoroll(["onset", "offset"])`).
 */
export function trackRepetition(numBins: number, numConsecBars: number, pitchRange: readonly [number, number]): AttributeControl {
  const bins = linspace(0, 1, numBins);
  const fmt = (x: number): string => x.toFixed(2);
  return {
    kind: 'track',
    tokens: bins.map((b) => `ACTrackRepetition_${fmt(b)}`),
    compute(track, _tpq, ticksBars) {
      const [lo, hi] = pitchRange;
      const T = trackEnd(track);
      const cell = (t: number, p: number, m: number): number => (t * (hi - lo) + (p - lo)) * 2 + m;
      const roll = new Uint8Array(Math.max(T, 0) * (hi - lo) * 2);
      for (const n of track.notes) {
        if (n.pitch < lo || n.pitch >= hi) continue;
        if (n.time < T) roll[cell(n.time, n.pitch, 0)] = 1;
        const off = n.time + n.duration;
        if (off < T) roll[cell(off, n.pitch, 1)] = 1;
      }
      const row = (hi - lo) * 2;
      const slice = (a: number, b: number): Uint8Array => roll.subarray(Math.min(a, T) * row, Math.min(b, T) * row);
      const sims: number[] = [];
      for (let bi = 0; bi < ticksBars.length - 1; bi++) {
        const tick = ticksBars[bi]!;
        if (tick > T) break;
        const bar1 = slice(tick, ticksBars[bi + 1]!);
        let n1 = 0;
        for (const v of bar1) n1 += v;
        if (n1 === 0) continue;
        for (let b2 = bi + 1; b2 < Math.min(ticksBars.length, bi + numConsecBars); b2++) {
          const bar2 = slice(ticksBars[b2]!, b2 + 1 < ticksBars.length ? ticksBars[b2 + 1]! : T);
          if (bar1.length !== bar2.length) continue;
          let both = 0;
          for (let k = 0; k < bar1.length; k++) both += bar1[k]! & bar2[k]!;
          sims.push(both / n1);
        }
      }
      if (sims.length === 0) return [];
      const mean = sims.reduce((a, b) => a + b, 0) / sims.length;
      let best = 0;
      for (let i = 1; i < bins.length; i++) if (Math.abs(bins[i]! - mean) < Math.abs(bins[best]! - mean)) best = i;
      return [ev('ACTrackRepetition', fmt(bins[best]!), -1)];
    },
  };
}

/** Shared bar walk of MidiTok's `BarAttributeControl.compute`: calls `onBar` with the notes of each selected bar. */
function barControl(tokens: string[], onBar: (notes: Note[], tpq: number) => Event[]): AttributeControl {
  return {
    kind: 'bar',
    tokens,
    compute(track, tpq, ticksBars, barsIdx) {
      const notes = track.notes;
      if (notes.length === 0) return [];
      const lastOnset = notes[notes.length - 1]!.time;
      const barTicks = ticksBars.filter((t) => t <= lastOnset);
      const out: Event[] = [];
      let start = 0;
      for (const bi of barsIdx) {
        if (bi >= barTicks.length) continue;
        let end: number | undefined;
        if (bi === barTicks.length - 1) end = undefined;
        else {
          let j = start;
          while (j < notes.length && notes[j]!.time < barTicks[bi + 1]!) j++;
          end = j === notes.length ? undefined : j;
        }
        if (end === undefined || end > start + 1) {
          const bar = notes.slice(start, end);
          if (bar.length > 0) {
            for (const e of onBar(bar, tpq)) {
              e.time = ticksBars[bi]!;
              out.push(e);
            }
          }
        }
        if (end === undefined) break;
        start = end;
      }
      return out;
    },
  };
}

/** `ACBarOnsetPolyphonyMin/Max`. */
export function barOnsetPolyphony(min: number, max: number): AttributeControl {
  const tokens: string[] = [];
  for (const t of ['ACBarOnsetPolyphonyMin', 'ACBarOnsetPolyphonyMax']) for (let v = min; v <= max; v++) tokens.push(`${t}_${v}`);
  return barControl(tokens, (notes) => {
    const c = onsetCounts(notes);
    return [ev('ACBarOnsetPolyphonyMin', Math.min(Math.max(Math.min(...c), min), max), 0), ev('ACBarOnsetPolyphonyMax', Math.min(Math.max(...c), max), 0)];
  });
}

/** `ACBarPitchClass_{0…11}` (one event per pitch class present). */
export function barPitchClass(): AttributeControl {
  return barControl(
    Array.from({ length: 12 }, (_, i) => `ACBarPitchClass_${i}`),
    (notes) => [...new Set(notes.map((n) => n.pitch % 12))].sort((a, b) => a - b).map((p) => ev('ACBarPitchClass', p, 0)),
  );
}

/** `ACBarNoteDensity_{0…max−1, max+}`. */
export function barNoteDensity(max: number): AttributeControl {
  return barControl([...Array.from({ length: max }, (_, i) => `ACBarNoteDensity_${i}`), `ACBarNoteDensity_${max}+`], (notes) => [
    ev('ACBarNoteDensity', notes.length >= max ? `${max}+` : notes.length, 0),
  ]);
}

/** `ACBarNoteDuration{Whole…}_{0,1}`. */
export function barNoteDuration(): AttributeControl {
  return barControl(
    DURATION_NAMES.flatMap((d) => [`ACBarNoteDuration${d}_0`, `ACBarNoteDuration${d}_1`]),
    (notes, tpq) => {
      const durs = new Set(notes.map((n) => n.duration));
      return DURATION_FACTORS.map((f, i) => ev(`ACBarNoteDuration${DURATION_NAMES[i]!}`, durs.has(tpq * f) ? 1 : 0, 0));
    },
  );
}

/** Which attribute controls to compute: track index → control index → `true` (track-level) or bar indexes. */
export type AttributeControlsIndexes = ReadonlyMap<number, ReadonlyMap<number, true | readonly number[]>>;

/**
 * MidiTok `create_random_ac_indexes`: a random subset of track-level controls and of bars per bar-level control,
 * per track (ratios fixed or drawn uniformly in a range). Uses mirkit's seeded RNG.
 */
export function createRandomAcIndexes(
  score: Score,
  controls: readonly AttributeControl[],
  rng: Rng,
  tracksRatio?: number | readonly [number, number],
  barsRatio?: number | readonly [number, number],
): Map<number, Map<number, true | number[]>> {
  const ratio = (r: number | readonly [number, number]): number => (typeof r === 'number' ? r : r[0] + rng.next() * (r[1] - r[0]));
  const sample = <T>(xs: readonly T[], k: number): T[] => {
    const a = [...xs];
    for (let i = a.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a.slice(0, k);
  };
  const trackAcs = controls.flatMap((c, i) => (c.kind === 'track' ? [i] : []));
  const barAcs = controls.flatMap((c, i) => (c.kind === 'bar' ? [i] : []));
  const bars = getBarsTicks(score, true);
  const out = new Map<number, Map<number, true | number[]>>();
  score.tracks.forEach((track, ti) => {
    const m = new Map<number, true | number[]>();
    if (tracksRatio) for (const i of sample(trackAcs, Math.round(trackAcs.length * ratio(tracksRatio)))) m.set(i, true);
    if (barsRatio) {
      const n = bars.filter((t) => t <= trackEnd(track)).length;
      for (const i of barAcs) m.set(i, sample([...Array(n).keys()], Math.round(n * ratio(barsRatio))).sort((a, b) => a - b));
    }
    out.set(ti, m);
  });
  return out;
}
