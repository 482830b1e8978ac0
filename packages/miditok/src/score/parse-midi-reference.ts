import { parseMidi as parseMidiEvents, type MidiEvent } from 'midi-file';
import { MidiParseError } from '../errors.js';
import { scanChunks, type ChunkInfo } from './midi-chunks.js';
import type { ParseMidiOptions } from './parse-midi.js';
import type { Score } from './score.js';
import { ScoreBuilder } from './score-builder.js';

/**
 * `parseMidi` over the `midi-file` event layer (`parseMidi(data, { reader: 'midi-file' })`): the maintained npm
 * parser, and the reference the byte reader of `parse-midi.ts` is checked against (differential fuzz test) and
 * timed against (bench). Same chunk scan, same
 * {@link ScoreBuilder}; only the byte decoding differs. midi-file reads past the end of truncated data
 * (yielding `undefined` / `NaN` fields), so every field it produced is validated here.
 */

const TEXT_DECODER = new TextDecoder('utf-8');

/** MIDI text (bytes carried in a latin-1 string by midi-file) decoded as UTF-8, invalid sequences → U+FFFD. */
function midiText(latin1: string): string {
  for (let i = 0; i < latin1.length; i++) {
    if (latin1.charCodeAt(i) > 0x7f) return TEXT_DECODER.decode(Uint8Array.from(latin1, (c) => c.charCodeAt(0) & 0xff));
  }
  return latin1;
}

function isByte(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 255;
}

/** Name of the first invalid field midi-file produced for an event (NaN / undefined from truncated data). */
function invalidField(e: MidiEvent): string | undefined {
  if (!Number.isInteger(e.deltaTime) || e.deltaTime < 0) return 'delta time';
  switch (e.type) {
    case 'noteOn':
    case 'noteOff':
      if (!isByte(e.noteNumber)) return 'note number';
      if (!isByte(e.velocity)) return 'velocity';
      return undefined;
    case 'controller':
      if (!isByte(e.controllerType)) return 'controller number';
      if (!isByte(e.value)) return 'controller value';
      return undefined;
    case 'programChange':
      return isByte(e.programNumber) ? undefined : 'program';
    case 'pitchBend':
      return Number.isInteger(e.value) ? undefined : 'pitch bend';
    case 'setTempo':
      return Number.isInteger(e.microsecondsPerBeat) ? undefined : 'tempo';
    case 'timeSignature':
      return isByte(e.numerator) && Number.isInteger(e.denominator) ? undefined : 'time signature';
    case 'keySignature':
      return Number.isInteger(e.key) && isByte(e.scale) ? undefined : 'key signature';
    default:
      return undefined;
  }
}

function validate(events: MidiEvent[], chunk: ChunkInfo, file: string | undefined): MidiEvent[] {
  for (let i = 0; i < events.length; i++) {
    const field = invalidField(events[i]!);
    if (field !== undefined) {
      throw new MidiParseError(`event ${i} of the track chunk (${events[i]!.type}) has an invalid ${field} (truncated data?)`, chunk.offset, file);
    }
  }
  return events;
}

/** midi-file's events of one track chunk (parsed as a one-track file), every field checked. */
function chunkEvents(chunk: ChunkInfo, tpq: number, file: string | undefined): MidiEvent[] {
  const n = chunk.bytes.length;
  const buf = new Uint8Array(22 + n);
  buf.set([0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 0, 0, 1, (tpq >> 8) & 0xff, tpq & 0xff, 0x4d, 0x54, 0x72, 0x6b]);
  buf.set([(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff], 18);
  buf.set(chunk.bytes, 22);
  let events: MidiEvent[];
  try {
    events = parseMidiEvents(buf).tracks[0] ?? [];
  } catch (error) {
    throw new MidiParseError(`bad track data (${typeof error === 'string' ? error : String(error)})`, chunk.offset, file, { cause: error });
  }
  return validate(events, chunk, file);
}

/**
 * Events of every track chunk: one midi-file call over a well-formed file (on a Buffer view, so its slices do
 * not copy); chunk by chunk otherwise, or on any problem, to name the failing chunk's offset.
 */
function allEvents(data: Uint8Array, chunks: ChunkInfo[], onlyTracks: boolean, tpq: number, file: string | undefined): MidiEvent[][] {
  if (onlyTracks) {
    let tracks: MidiEvent[][] | undefined;
    try {
      tracks = parseMidiEvents(Buffer.from(data.buffer, data.byteOffset, data.byteLength)).tracks;
    } catch {
      // locate the failing chunk below
    }
    if (tracks?.length === chunks.length) return tracks.map((events, i) => validate(events, chunks[i]!, file));
  }
  return chunks.map((chunk) => chunkEvents(chunk, tpq, file));
}

type Handler<E> = (b: ScoreBuilder, tick: number, e: E) => void;

/** What each midi-file event type does to the score (other types are ignored). */
const HANDLERS: { [K in MidiEvent['type']]?: Handler<Extract<MidiEvent, { type: K }>> } = {
  noteOn: (b, tick, e) => b.noteOn(tick, e.channel, e.noteNumber, e.velocity),
  noteOff: (b, tick, e) => b.noteOff(tick, e.channel, e.noteNumber),
  programChange: (b, _tick, e) => b.programChange(e.channel, e.programNumber),
  controller: (b, tick, e) => b.controller(tick, e.channel, e.controllerType, e.value),
  pitchBend: (b, tick, e) => b.pitchBend(tick, e.channel, e.value),
  trackName: (b, _tick, e) => b.trackName(midiText(e.text)),
  setTempo: (b, tick, e) => b.tempo(tick, e.microsecondsPerBeat),
  timeSignature: (b, tick, e) => b.timeSignature(tick, e.numerator, e.denominator),
  keySignature: (b, tick, e) => b.keySignature(tick, e.key, e.scale),
  lyrics: (b, tick, e) => b.lyrics(tick, midiText(e.text)),
  marker: (b, tick, e) => b.marker(tick, midiText(e.text)),
};

/** Parses MIDI bytes like `parseMidi`, decoding the events with midi-file 1.2.4. */
export function parseMidiReference(data: Uint8Array, options: ParseMidiOptions = {}): Score {
  const file = options.file;
  const { tpq, chunks, onlyTracks } = scanChunks(data, file);
  const b = new ScoreBuilder(tpq);
  for (const events of allEvents(data, chunks, onlyTracks, tpq, file)) {
    b.beginChunk();
    let tick = 0;
    for (const e of events) {
      tick += e.deltaTime;
      (HANDLERS[e.type] as Handler<MidiEvent> | undefined)?.(b, tick, e);
    }
    b.endChunk();
  }
  return b.finish();
}
