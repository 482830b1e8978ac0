import { cloneScore, type Score } from '../score/score.js';
import { MIDI_INSTRUMENT_PITCH_RANGES } from '../tokenizers/instruments.js';

/** Options of {@link augmentScore}. */
export interface AugmentScoreOptions {
  pitchOffset?: number;
  velocityOffset?: number;
  /** In beats, or ticks with `durationInTicks`. */
  durationOffset?: number;
  velocityRange?: readonly [number, number];
  durationInTicks?: boolean;
  /** Minimum duration when shortening notes (beats, or ticks with `durationInTicks`; default 1/32 beat). */
  minDuration?: number;
}

/** Python's `round()` (half to even) for the tick conversions MidiTok does. */
function pyRoundInt(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/**
 * MidiTok `augment_score` (on a copy): shifts pitches of non-drum tracks, velocities of all tracks (clamped to
 * `velocityRange`) and durations of non-drum notes (at least `minDuration` when shortening). As upstream, a
 * beat-valued offset is converted with `max(round(offset · tpq), 1)`, so a negative offset in beats lengthens notes
 * by one tick; pass ticks (`durationInTicks`) or use {@link augmentScoreMultipleOffsets} to shorten notes.
 */
export function augmentScore(score: Score, options: AugmentScoreOptions = {}): Score {
  const out = cloneScore(score);
  const { pitchOffset = 0, velocityOffset = 0, velocityRange = [1, 127] } = options;
  let durationOffset = options.durationOffset ?? 0;
  let minDuration = options.minDuration ?? 0.03125;
  if (pitchOffset !== 0) for (const t of out.tracks) if (!t.isDrum) for (const n of t.notes) n.pitch += pitchOffset;
  if (velocityOffset !== 0) {
    const lo = Math.min(...velocityRange);
    const hi = Math.max(...velocityRange);
    for (const t of out.tracks) {
      for (const n of t.notes) {
        const v = n.velocity + velocityOffset;
        n.velocity = velocityOffset < 0 ? Math.max(lo, v) : Math.min(hi, v);
      }
    }
  }
  if (durationOffset !== 0) {
    if (!options.durationInTicks) {
      durationOffset = Math.max(pyRoundInt(durationOffset * score.tpq), 1);
      minDuration = Math.max(pyRoundInt(minDuration * score.tpq), 1);
    } else if (!Number.isInteger(durationOffset)) {
      durationOffset = pyRoundInt(durationOffset);
      minDuration = pyRoundInt(minDuration);
    }
    for (const t of out.tracks) {
      if (t.isDrum) continue;
      for (const n of t.notes) {
        n.duration += durationOffset;
        if (durationOffset < 0 && n.duration < minDuration) n.duration = minDuration;
      }
    }
  }
  return out;
}

/** Options of {@link augmentScoreMultipleOffsets}. */
export interface AugmentOffsetsOptions {
  pitchOffsets?: readonly number[];
  velocityOffsets?: readonly number[];
  durationOffsets?: readonly number[];
  allOffsetCombinations?: boolean;
  restrictOnProgramTessitura?: boolean;
  velocityRange?: readonly [number, number];
  durationInTicks?: boolean;
  minDuration?: number;
}

/** Pitch offsets that keep every non-drum track inside its GM tessitura (or 0–127). */
function filterPitchOffsets(offsets: readonly number[], score: Score, restrict: boolean): number[] {
  const tracks = score.tracks.filter((t) => !t.isDrum && t.notes.length > 0);
  const mins = tracks.map((t) => Math.min(...t.notes.map((n) => n.pitch)));
  const maxs = tracks.map((t) => Math.max(...t.notes.map((n) => n.pitch)));
  let lo: number;
  let hi: number;
  if (restrict) {
    lo = -127;
    hi = 127;
    // MidiTok zips these with every non-drum track (including empty ones), stopping at the shorter list.
    const nonDrum = score.tracks.filter((t) => !t.isDrum);
    for (let i = 0; i < Math.min(mins.length, nonDrum.length); i++) {
      const [start, stop] = MIDI_INSTRUMENT_PITCH_RANGES[nonDrum[i]!.program] ?? [0, 128];
      lo = Math.max(lo, start - mins[i]!);
      hi = Math.min(hi, stop - 1 - maxs[i]!);
    }
  } else {
    lo = -Math.min(...mins);
    hi = 127 - Math.max(...maxs);
  }
  return offsets.filter((o) => lo <= o && o <= hi);
}

/**
 * MidiTok `augment_score_multiple_offsets`: one augmented copy per offset (pitch offsets filtered to the
 * tessitura), or per combination with `allOffsetCombinations`. Returns `[[p, v, d], score]` pairs, `d` in ticks.
 * `undefined` offset lists mean none (MidiTok crashes on `None`).
 */
export function augmentScoreMultipleOffsets(score: Score, o: AugmentOffsetsOptions = {}): [[number, number, number], Score][] {
  let durationOffsets = [...(o.durationOffsets ?? [])];
  let minDuration = o.minDuration ?? 0.03125;
  if (durationOffsets.length > 0 && !o.durationInTicks) {
    durationOffsets = durationOffsets.map((d) => pyRoundInt(d * score.tpq));
    minDuration = Math.max(pyRoundInt(minDuration * score.tpq), 1);
  }
  const pitchOffsets = filterPitchOffsets(o.pitchOffsets ?? [], score, o.restrictOnProgramTessitura ?? true);
  const velocityOffsets = [...(o.velocityOffsets ?? [])];
  const offsets: [number, number, number][] = [
    ...pitchOffsets.map((p): [number, number, number] => [p, 0, 0]),
    ...velocityOffsets.map((v): [number, number, number] => [0, v, 0]),
    ...durationOffsets.map((d): [number, number, number] => [0, 0, d]),
  ];
  if (o.allOffsetCombinations) {
    [pitchOffsets, velocityOffsets, durationOffsets].forEach((values, idx) => {
      for (const val of values) {
        const n = offsets.length;
        for (let k = 0; k < n; k++) {
          if (offsets[k]![idx] === val) continue;
          const next = [...offsets[k]!] as [number, number, number];
          next[idx] = val;
          if (!offsets.some((x) => x[0] === next[0] && x[1] === next[1] && x[2] === next[2])) offsets.push(next);
        }
      }
    });
  }
  return offsets.map(([p, v, d]) => [
    [p, v, d],
    augmentScore(score, { pitchOffset: p, velocityOffset: v, durationOffset: d, velocityRange: o.velocityRange ?? [1, 127], durationInTicks: true, minDuration }),
  ]);
}
