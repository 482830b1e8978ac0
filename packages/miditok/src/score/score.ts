/**
 * A symusic-compatible score model (ticks only): the data MidiTok tokenizes.
 *
 * Field names follow symusic (`time`, `duration`, `mspq` …) in camelCase. Everything is plain data, so a score can
 * be cloned with `structuredClone` and sent to workers.
 */

export interface Note {
  time: number;
  duration: number;
  pitch: number;
  velocity: number;
}

export interface ControlChange {
  time: number;
  number: number;
  value: number;
}

export interface Pedal {
  time: number;
  duration: number;
}

export interface PitchBend {
  time: number;
  value: number;
}

export interface TextEvent {
  time: number;
  text: string;
}

export interface Tempo {
  time: number;
  /** Microseconds per quarter note (an integer, as in the MIDI file). */
  mspq: number;
}

export interface TimeSignature {
  time: number;
  numerator: number;
  denominator: number;
}

export interface KeySignature {
  time: number;
  key: number;
  tonality: number;
}

export interface Track {
  name: string;
  program: number;
  isDrum: boolean;
  notes: Note[];
  controls: ControlChange[];
  pitchBends: PitchBend[];
  pedals: Pedal[];
  lyrics: TextEvent[];
}

export interface Score {
  /** Ticks per quarter note. */
  tpq: number;
  tracks: Track[];
  tempos: Tempo[];
  timeSignatures: TimeSignature[];
  keySignatures: KeySignature[];
  markers: TextEvent[];
}

/** Quarter notes per minute of a tempo (`60e6 / mspq`, as symusic's `Tempo.qpm`). */
export function tempoQpm(tempo: Tempo): number {
  return 60_000_000 / tempo.mspq;
}

/** An empty score at `tpq` ticks per quarter. */
export function createScore(tpq: number): Score {
  return { tpq, tracks: [], tempos: [], timeSignatures: [], keySignatures: [], markers: [] };
}

/** An empty track. */
export function createTrack(name: string, program: number, isDrum: boolean): Track {
  return { name, program, isDrum, notes: [], controls: [], pitchBends: [], pedals: [], lyrics: [] };
}

/** True when the track holds no event at all (symusic `Track.empty()`). */
export function isTrackEmpty(track: Track): boolean {
  return (
    track.notes.length === 0 &&
    track.controls.length === 0 &&
    track.pitchBends.length === 0 &&
    track.pedals.length === 0 &&
    track.lyrics.length === 0
  );
}

/** Last tick of a track (symusic `Track.end()`): max over note/pedal ends and control/bend/lyric times. */
export function trackEnd(track: Track): number {
  let end = 0;
  for (const n of track.notes) if (n.time + n.duration > end) end = n.time + n.duration;
  for (const p of track.pedals) if (p.time + p.duration > end) end = p.time + p.duration;
  for (const c of track.controls) if (c.time > end) end = c.time;
  for (const b of track.pitchBends) if (b.time > end) end = b.time;
  for (const l of track.lyrics) if (l.time > end) end = l.time;
  return end;
}

/** Last tick of a score (symusic `Score.end()`). */
export function scoreEnd(score: Score): number {
  let end = 0;
  for (const t of score.tracks) end = Math.max(end, trackEnd(t));
  for (const list of [score.tempos, score.timeSignatures, score.keySignatures, score.markers]) {
    for (const e of list) if (e.time > end) end = e.time;
  }
  return end;
}

/** Total number of notes. */
export function noteCount(score: Score): number {
  let n = 0;
  for (const t of score.tracks) n += t.notes.length;
  return n;
}

/** A function applied to every event list of a score (it must return a new list of new events). */
export type EventListMap = <T extends { time: number }>(events: T[]) => T[];

/** A track with `map` applied to each of its event lists. */
export function mapTrackEvents(track: Track, map: EventListMap): Track {
  return {
    name: track.name,
    program: track.program,
    isDrum: track.isDrum,
    notes: map(track.notes),
    controls: map(track.controls),
    pitchBends: map(track.pitchBends),
    pedals: map(track.pedals),
    lyrics: map(track.lyrics),
  };
}

/** A score with `map` applied to each of its event lists (tracks and global events). */
export function mapScoreEvents(score: Score, map: EventListMap): Score {
  return {
    tpq: score.tpq,
    tracks: score.tracks.map((t) => mapTrackEvents(t, map)),
    tempos: map(score.tempos),
    timeSignatures: map(score.timeSignatures),
    keySignatures: map(score.keySignatures),
    markers: map(score.markers),
  };
}

const copyEvents: EventListMap = (events) => events.map((e) => ({ ...e }));

/** Deep copy of a score. */
export function cloneScore(score: Score): Score {
  return mapScoreEvents(score, copyEvents);
}

/** Deep copy of a track. */
export function cloneTrack(track: Track): Track {
  return mapTrackEvents(track, copyEvents);
}

/** Sorts notes with symusic's default key `(time, duration, pitch, velocity)` (stable). */
export function sortNotes(notes: Note[]): Note[] {
  return notes.sort((a, b) => a.time - b.time || a.duration - b.duration || a.pitch - b.pitch || a.velocity - b.velocity);
}
