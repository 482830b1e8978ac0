import { writeMidi as writeMidiEvents, type MidiEvent } from 'midi-file';
import { writeFileAtomic } from '@mirkit/core';
import type { Score } from './score.js';

/** UTF-8 bytes of a string as a latin-1 string (midi-file writes one byte per char). */
function latin1(text: string): string {
  let out = '';
  for (const b of new TextEncoder().encode(text)) out += String.fromCharCode(b);
  return out;
}

interface Timed {
  time: number;
  /** Order among events of the same tick (lower first). */
  rank: number;
  event: MidiEvent;
}

function toTrack(items: Timed[]): MidiEvent[] {
  items.sort((a, b) => a.time - b.time || a.rank - b.rank);
  let prev = 0;
  const out: MidiEvent[] = [];
  for (const it of items) {
    out.push({ ...it.event, deltaTime: it.time - prev } as MidiEvent);
    prev = it.time;
  }
  out.push({ deltaTime: 0, meta: true, type: 'endOfTrack' } as MidiEvent);
  return out;
}

const VALID_CHANNELS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15];

/**
 * Serialises a score as a format-1 MIDI file the way symusic's `dump_midi` lays it out: a first track with time
 * signatures, key signatures, tempos and markers, then one track per score track (name, program change, controls,
 * pitch bends, notes) on channel 9 for drums and channels 0–15 (skipping 9) otherwise. At equal ticks, note-offs
 * come before note-ons so that re-parsing gives the same notes.
 */
export function serializeMidi(score: Score): Uint8Array {
  const tracks: MidiEvent[][] = [];
  const meta: Timed[] = [];
  for (const t of score.timeSignatures) {
    const exp = Math.max(0, Math.round(Math.log2(t.denominator)));
    meta.push({ time: t.time, rank: 0, event: { deltaTime: 0, meta: true, type: 'timeSignature', numerator: t.numerator, denominator: 2 ** exp, metronome: 24, thirtyseconds: 8 } as MidiEvent });
  }
  for (const k of score.keySignatures) meta.push({ time: k.time, rank: 0, event: { deltaTime: 0, meta: true, type: 'keySignature', key: k.key, scale: k.tonality } as MidiEvent });
  for (const t of score.tempos) meta.push({ time: t.time, rank: 0, event: { deltaTime: 0, meta: true, type: 'setTempo', microsecondsPerBeat: t.mspq } as MidiEvent });
  for (const m of score.markers) meta.push({ time: m.time, rank: 0, event: { deltaTime: 0, meta: true, type: 'marker', text: latin1(m.text) } as MidiEvent });
  if (meta.length > 0) tracks.push(toTrack(meta));
  score.tracks.forEach((track, idx) => {
    const channel = track.isDrum ? 9 : VALID_CHANNELS[idx % 15]!;
    const items: Timed[] = [];
    if (track.name.length > 0) items.push({ time: 0, rank: -2, event: { deltaTime: 0, meta: true, type: 'trackName', text: latin1(track.name) } as MidiEvent });
    items.push({ time: 0, rank: -1, event: { deltaTime: 0, channel, type: 'programChange', programNumber: track.program } as MidiEvent });
    for (const c of track.controls) items.push({ time: c.time, rank: 1, event: { deltaTime: 0, channel, type: 'controller', controllerType: c.number, value: c.value } as MidiEvent });
    for (const b of track.pitchBends) items.push({ time: b.time, rank: 1, event: { deltaTime: 0, channel, type: 'pitchBend', value: b.value } as MidiEvent });
    for (const l of track.lyrics) items.push({ time: l.time, rank: 1, event: { deltaTime: 0, meta: true, type: 'lyrics', text: latin1(l.text) } as MidiEvent });
    for (const n of track.notes) {
      items.push({ time: n.time, rank: 2, event: { deltaTime: 0, channel, type: 'noteOn', noteNumber: n.pitch, velocity: n.velocity } as MidiEvent });
      items.push({ time: n.time + n.duration, rank: n.duration > 0 ? 0 : 3, event: { deltaTime: 0, channel, type: 'noteOff', noteNumber: n.pitch, velocity: 0 } as MidiEvent });
    }
    tracks.push(toTrack(items));
  });
  const bytes = writeMidiEvents({ header: { format: 1, numTracks: tracks.length, ticksPerBeat: score.tpq }, tracks });
  return Uint8Array.from(bytes);
}

/** Writes a score as a MIDI file (atomically). */
export async function writeMidi(path: string, score: Score): Promise<void> {
  await writeFileAtomic(path, serializeMidi(score));
}
