import { DataError } from '@mirkit/core';
import type { PyjamaAtom } from '../pyjama/types.js';

/** `440 · 2^((m − 69)/12)`. */
export function midiToF0(midi: number): number {
  return 440 * 2 ** ((midi - 69) / 12);
}

/** `12·log2(f/440) + 69`. */
export function f0ToMidi(f0: number): number {
  return 12 * Math.log2(f0 / 440) + 69;
}

/** numpy `argmin(|a − x|)` (first index on ties); binary search when `a` is ascending. */
export function nearestIndex(a: ArrayLike<number>, x: number, ascending = isAscending(a)): number {
  if (a.length === 0) throw new DataError('ERR_EMPTY_DATASET', 'nearestIndex: empty axis');
  if (!ascending) {
    let best = 0;
    for (let i = 1; i < a.length; i++) if (Math.abs(a[i]! - x) < Math.abs(a[best]! - x)) best = i;
    return best;
  }
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  // The nearest is lo − 1 or lo; prefer the lower index on ties. Equal values before lo − 1 cannot be closer.
  if (lo === a.length) lo = a.length - 1;
  let best = lo;
  let i = lo - 1;
  while (i >= 0 && Math.abs(a[i]! - x) <= Math.abs(a[best]! - x)) best = i--;
  return best;
}

function isAscending(a: ArrayLike<number>): boolean {
  for (let i = 1; i < a.length; i++) if (!(a[i]! >= a[i - 1]!)) return false;
  return true;
}

/** A (bins, frames) 0/1 target, row-major. */
export interface PitchTarget {
  data: Float32Array;
  shape: [number, number];
}

/**
 * MAPS-style segment mapping (`f_map_annot_segment_based`, tutorial MPE notebook #c27): for each note atom
 * `{value: MIDI, time, duration}`, `start = argmin|time − t|`, `stop = argmin|time + duration − t|` (exclusive),
 * `bin = argmin|midiToF0(value) − f|` (nearest in Hz, quirk Q5), and `Y[bin, start:stop] = 1`.
 */
export function mapAnnotSegmentBased(notes: readonly PyjamaAtom[], timeSec: ArrayLike<number>, frequencyHz: ArrayLike<number>): PitchTarget {
  const bins = frequencyHz.length;
  const frames = timeSec.length;
  const data = new Float32Array(bins * frames);
  const timeAsc = isAscending(timeSec);
  const freqAsc = isAscending(frequencyHz);
  notes.forEach((note, j) => {
    if (typeof note.value !== 'number' || typeof note.time !== 'number' || typeof note.duration !== 'number') {
      throw new DataError('ERR_LABEL_DICTIONARY', `note ${j}: expected {value: MIDI number, time, duration} scalars, got ${JSON.stringify(note)}`, { details: { note: j } });
    }
    const start = nearestIndex(timeSec, note.time, timeAsc);
    const stop = nearestIndex(timeSec, note.time + note.duration, timeAsc);
    const bin = nearestIndex(frequencyHz, midiToF0(note.value), freqAsc);
    data.fill(1, bin * frames + start, bin * frames + Math.max(start, stop));
  });
  return { data, shape: [bins, frames] };
}

/** Options of {@link mapAnnotFrameBased}. */
export interface FrameBasedOptions {
  /** Skip unvoiced values (MIDI ≤ 0). Default `false`: upstream has no voicing test and lights bin 0 (Q6 / T15). */
  voicedOnly?: boolean;
}

/**
 * Bach10-style frame mapping (`f_map_annot_frame_based`, tutorial MPE notebook #c25): for a breakpoint atom with
 * `value` (voices, T_gt) in MIDI and `time` (T_gt), for every voice and feature frame n:
 * `pos = argmin|time − t[n]|`, `bin = argmin|midiToF0(value[voice][pos]) − f|`, `Y[bin, n] = 1`.
 */
export function mapAnnotFrameBased(atom: PyjamaAtom, timeSec: ArrayLike<number>, frequencyHz: ArrayLike<number>, options: FrameBasedOptions = {}): PitchTarget {
  const bins = frequencyHz.length;
  const frames = timeSec.length;
  const data = new Float32Array(bins * frames);
  const gtTime = typeof atom.time === 'number' ? [atom.time] : atom.time;
  const rows = atom.value;
  if (!gtTime || !Array.isArray(rows) || !rows.every((r) => Array.isArray(r) && r.length === gtTime.length && r.every((v) => typeof v === 'number'))) {
    throw new DataError('ERR_LABEL_DICTIONARY', 'a frame-based pitch atom needs value (voices, T) of MIDI numbers and time (T)', { details: {} });
  }
  const gtAsc = isAscending(gtTime);
  const freqAsc = isAscending(frequencyHz);
  const positions = Array.from({ length: frames }, (_, n) => nearestIndex(gtTime, timeSec[n]!, gtAsc));
  for (const row of rows as number[][]) {
    for (let n = 0; n < frames; n++) {
      const midi = row[positions[n]!]!;
      if (options.voicedOnly && midi <= 0) continue;
      data[nearestIndex(frequencyHz, midiToF0(midi), freqAsc) * frames + n] = 1;
    }
  }
  return { data, shape: [bins, frames] };
}

/** Row-major `[bin, frame]` pairs of the ones of a target (numpy `argwhere` order). */
export function sparsePitchTarget(target: PitchTarget): Int32Array {
  const out: number[] = [];
  const [bins, frames] = target.shape;
  for (let b = 0; b < bins; b++) for (let n = 0; n < frames; n++) if (target.data[b * frames + n] !== 0) out.push(b, n);
  return Int32Array.from(out);
}
