import { ConfigError } from '@mirkit/core';
import { clipScore } from '../score/clip.js';
import { cloneTrack, noteCount, scoreEnd, type Score } from '../score/score.js';
import { shiftScoreTime } from '../score/shift.js';
import { getBarsTicks } from '../tokenizers/time-utils.js';

/** MidiTok `get_num_notes_per_bar` (all tracks together). */
export function getNumNotesPerBar(score: Score): number[] {
  if (scoreEnd(score) === 0) return [0];
  const bars = getBarsTicks(score, true);
  bars.push(scoreEnd(score) + 1);
  const times = score.tracks.flatMap((t) => t.notes.map((n) => n.time)).sort((a, b) => a - b);
  const out = new Array<number>(bars.length - 1).fill(0);
  let cur = 0;
  let prev = 0;
  for (let b = 0; b < bars.length - 1; b++) {
    while (cur < times.length && times[cur]! < bars[b + 1]!) cur++;
    out[b] = cur - prev;
    prev = cur;
  }
  return out;
}

/** One score per track (MidiTok `split_score_per_tracks`), sharing the global events. */
export function splitScorePerTracks(score: Score): Score[] {
  return score.tracks.map((t) => ({
    tpq: score.tpq,
    tracks: [cloneTrack(t)],
    tempos: score.tempos.map((e) => ({ ...e })),
    timeSignatures: score.timeSignatures.map((e) => ({ ...e })),
    keySignatures: score.keySignatures.map((e) => ({ ...e })),
    markers: score.markers.map((e) => ({ ...e })),
  }));
}

/** Result of {@link splitScorePerNoteDensity}: the chunks and the `[t0, t1)` tick ranges they were clipped to. */
export interface DensitySplit {
  chunks: Score[];
  ticks: [number, number][];
}

/**
 * MidiTok `split_score_per_note_density`: greedy bar-aligned chunks whose estimated token count (notes per bar ×
 * tokens per note) stays under `maxSeqLen`, with `numOverlapBars` bars of overlap; the last chunk is kept only if its
 * estimate reaches `minSeqLen` (default `maxSeqLen // 4`). Chunks are shifted to start at tick 0.
 */
export function splitScorePerNoteDensity(score: Score, maxSeqLen: number, tokensPerNote: number, numOverlapBars = 1, minSeqLen?: number): DensitySplit {
  if (numOverlapBars < 0) throw new ConfigError('ERR_INVALID_OPTION', `numOverlapBars should be >= 0, but got ${numOverlapBars}`);
  const minLen = minSeqLen ?? Math.floor(maxSeqLen / 4);
  const bars = getBarsTicks(score, true);
  const perBar = getNumNotesPerBar(score).map((n) => n * tokensPerNote);
  const ticks: [number, number][] = [];
  let current = 0;
  let bi = 0;
  let start = 0;
  while (bi < bars.length) {
    const tpb = perBar[bi] ?? 0;
    const withBar = current + tpb;
    if (withBar > maxSeqLen) {
      let overlap = true;
      let end: number;
      if (bi === start) {
        end = bi + 1;
        overlap = false;
      } else if (numOverlapBars === 0 && maxSeqLen - current < tpb / 2) end = bi;
      else end = bi + 1;
      if (end < bars.length) {
        ticks.push([bars[start]!, bars[end]!]);
        start = Math.max(start + 1, end - (overlap ? numOverlapBars : 0));
        current = 0;
        for (let i = start; i <= bi; i++) current += perBar[i] ?? 0;
      } else current = withBar;
    } else current = withBar;
    bi++;
  }
  if (current >= minLen) ticks.push([bars[start]!, scoreEnd(score) + 1]);
  if (ticks.length === 1) return { chunks: [score], ticks };
  return { chunks: ticks.map(([a, b]) => shiftScoreTime(clipScore(score, a, b), -a)), ticks };
}

/** True when a chunk has notes to save. */
export function chunkHasNotes(score: Score): boolean {
  return score.tracks.length > 0 && noteCount(score) > 0;
}
