import type { Note } from '../score/score.js';

const PITCH_CLASSES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'];

/** MidiTok `detect_chords` (notes in the given order; no inversion handling). */
export function detectChords(
  notes: readonly Note[],
  ticksPerBeat: readonly (readonly [number, number])[],
  chordMaps: Readonly<Record<string, readonly number[]>>,
  specifyRootNote: boolean,
  beatRes: number,
  unknownRange: readonly [number, number] | null,
  onsetOffset = 1,
  simulNotesLimit = 10,
): { value: string; time: number }[] {
  const n = notes.length;
  const pitch = notes.map((x) => x.pitch);
  const start = notes.map((x) => x.time);
  const end = notes.map((x) => x.time + x.duration);
  let tpbIdx = 0;
  let tpbHalf = Math.floor(ticksPerBeat[0]![1] / 2);
  let offsetTick = (ticksPerBeat[0]![1] * onsetOffset) / beatRes;
  let count = 0;
  let previousTick = -1;
  const chords: { value: string; time: number }[] = [];
  const entries = Object.entries(chordMaps);
  while (count < n) {
    if (start[count] === previousTick) {
      count++;
      continue;
    }
    while (start[count]! >= ticksPerBeat[tpbIdx]![0] && tpbIdx < ticksPerBeat.length - 1) {
      tpbIdx++;
      tpbHalf = Math.floor(ticksPerBeat[tpbIdx]![1] / 2);
      offsetTick = (ticksPerBeat[tpbIdx]![1] * onsetOffset) / beatRes;
    }
    const scope: number[] = [];
    for (let i = count; i < Math.min(n, count + simulNotesLimit); i++) scope.push(i);
    let onset = scope.filter((i) => start[i]! <= start[scope[0]!]! + offsetTick);
    const o0 = onset[0]!;
    if (onset.some((i) => Math.abs(end[i]! - end[o0]!) > tpbHalf)) {
      count += onset.length;
      continue;
    }
    if (end[count]! - start[count]! <= tpbHalf) onset = onset.filter((i) => start[i] === start[onset[0]!]);
    const chord = onset.filter((i) => end[i]! - end[onset[0]!]! <= tpbHalf);
    const map = chord.map((i) => pitch[i]! - pitch[chord[0]!]!);
    if (map.length >= 3 && map.length <= 5 && map[map.length - 1]! <= 24) {
      let quality = String(chord.length);
      let unknown = true;
      for (const [q, known] of entries) {
        if (known.length === map.length && known.every((v, k) => v === map[k])) {
          quality = q;
          unknown = false;
          break;
        }
      }
      if (unknownRange !== null || !unknown) {
        if (specifyRootNote) quality = `${PITCH_CLASSES[pitch[count]! % 12]!}:${quality}`;
        chords.push({ value: quality, time: Math.min(...chord.map((i) => start[i]!)) });
      }
    }
    previousTick = Math.max(...onset.map((i) => start[i]!));
    count += onset.length;
  }
  return chords;
}
