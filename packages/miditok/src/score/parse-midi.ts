import { readFile } from 'node:fs/promises';
import { parseMidi as parseMidiEvents, type MidiEvent } from 'midi-file';
import { MidiParseError } from '../errors.js';
import { createScore, createTrack, isTrackEmpty, type Note, type Score, type TextEvent, type Track } from './score.js';

export interface ParseMidiOptions {
  /** File name used in error messages. */
  file?: string;
}

interface ChunkInfo {
  offset: number;
  bytes: Uint8Array;
}

const TEXT_DECODER = new TextDecoder('utf-8');

/**
 * Decodes MIDI text (bytes carried in a latin-1 string by midi-file) as UTF-8, replacing invalid sequences with
 * U+FFFD as symusic 0.5.9's Python strings show.
 */
function midiText(latin1: string): string {
  for (let i = 0; i < latin1.length; i++) {
    if (latin1.charCodeAt(i) > 0x7f) return TEXT_DECODER.decode(Uint8Array.from(latin1, (c) => c.charCodeAt(0) & 0xff));
  }
  return latin1;
}

function readU32(b: Uint8Array, o: number): number {
  return ((b[o]! << 24) >>> 0) + (b[o + 1]! << 16) + (b[o + 2]! << 8) + b[o + 3]!;
}

function chunkId(b: Uint8Array, o: number): string {
  return String.fromCharCode(b[o]!, b[o + 1]!, b[o + 2]!, b[o + 3]!);
}

/** Validates the chunk structure and returns the header fields and the track chunks with their offsets. */
function scanChunks(bytes: Uint8Array, file: string | undefined): { format: number; tpq: number; chunks: ChunkInfo[]; onlyTracks: boolean } {
  if (bytes.length < 14) throw new MidiParseError(`file too short (${bytes.length} bytes) for a MIDI header`, 0, file);
  if (chunkId(bytes, 0) !== 'MThd') throw new MidiParseError(`expected 'MThd', got '${chunkId(bytes, 0)}'`, 0, file);
  const headerLength = readU32(bytes, 4);
  if (headerLength < 6 || 8 + headerLength > bytes.length) {
    throw new MidiParseError(`invalid header chunk length ${headerLength}`, 4, file);
  }
  const format = (bytes[8]! << 8) | bytes[9]!;
  const numTracks = (bytes[10]! << 8) | bytes[11]!;
  const division = (bytes[12]! << 8) | bytes[13]!;
  if (format > 2) throw new MidiParseError(`unknown MIDI format ${format}`, 8, file);
  if (division & 0x8000) throw new MidiParseError('SMPTE time division is not supported', 12, file);
  if (division === 0) throw new MidiParseError('ticks per quarter note is 0', 12, file);
  const chunks: ChunkInfo[] = [];
  let onlyTracks = headerLength === 6;
  let offset = 8 + headerLength;
  while (chunks.length < numTracks && offset < bytes.length) {
    if (offset + 8 > bytes.length) throw new MidiParseError('truncated chunk header', offset, file);
    const id = chunkId(bytes, offset);
    const length = readU32(bytes, offset + 4);
    if (offset + 8 + length > bytes.length) {
      throw new MidiParseError(`chunk '${id}' declares ${length} bytes but only ${bytes.length - offset - 8} remain`, offset + 4, file);
    }
    if (id === 'MTrk') chunks.push({ offset, bytes: bytes.subarray(offset + 8, offset + 8 + length) });
    else onlyTracks = false;
    if (id !== 'MTrk' && !/^[\x20-\x7e]{4}$/.test(id)) {
      throw new MidiParseError(`expected 'MTrk', got a non-ASCII chunk id`, offset, file);
    }
    offset += 8 + length;
  }
  if (chunks.length < numTracks) {
    throw new MidiParseError(`header declares ${numTracks} tracks but the file holds ${chunks.length}`, bytes.length, file);
  }
  return { format, tpq: division, chunks, onlyTracks };
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

/** Parses the events of one track chunk with midi-file, checking every field it read. */
function parseChunk(chunk: ChunkInfo, tpq: number, file: string | undefined): MidiEvent[] {
  const header = new Uint8Array([0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 0, 0, 1, (tpq >> 8) & 0xff, tpq & 0xff]);
  const buf = new Uint8Array(14 + 8 + chunk.bytes.length);
  buf.set(header, 0);
  buf.set([0x4d, 0x54, 0x72, 0x6b], 14);
  const n = chunk.bytes.length;
  buf.set([(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff], 18);
  buf.set(chunk.bytes, 22);
  let events: MidiEvent[];
  try {
    const parsed = parseMidiEvents(buf);
    events = parsed.tracks[0] ?? [];
  } catch (error) {
    throw new MidiParseError(`bad track data (${typeof error === 'string' ? error : String(error)})`, chunk.offset, file, { cause: error });
  }
  return events;
}

/** Checks every event of a chunk (see {@link invalidField}). */
function validateChunk(events: MidiEvent[], chunk: ChunkInfo, file: string | undefined): void {
  for (let i = 0; i < events.length; i++) {
    const field = invalidField(events[i]!);
    if (field !== undefined) {
      throw new MidiParseError(`event ${i} of the track chunk (${events[i]!.type}) has an invalid ${field} (truncated data?)`, chunk.offset, file);
    }
  }
}

/**
 * Events of every track chunk. Fast path: one midi-file call over the whole (well-formed) file, on a Buffer view
 * so midi-file's slices do not copy; on any problem, chunk by chunk to name the failing chunk's offset.
 */
function parseAllChunks(data: Uint8Array, chunks: ChunkInfo[], onlyTracks: boolean, tpq: number, file: string | undefined): MidiEvent[][] {
  if (onlyTracks) {
    try {
      const view = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
      const tracks = parseMidiEvents(view).tracks;
      if (tracks.length === chunks.length) {
        tracks.forEach((events, i) => validateChunk(events, chunks[i]!, file));
        return tracks;
      }
    } catch (error) {
      if (error instanceof MidiParseError) throw error;
      // fall through: locate the failing chunk
    }
  }
  return chunks.map((chunk) => {
    const events = parseChunk(chunk, tpq, file);
    validateChunk(events, chunk, file);
    return events;
  });
}

interface OpenNote {
  track: Track;
  index: number;
  time: number;
}

/** Key of the per-chunk lyrics track: it sorts after every channel (0–15). */
const LYRICS_KEY = 16 * 256;

/**
 * Parses MIDI bytes into a {@link Score} with symusic 0.5.9's rules:
 * - one track per (track chunk, channel, program), ordered by (channel, program) inside a chunk, chunks in file
 *   order; `isDrum` = channel 9; the name is the chunk's last track-name meta;
 * - notes in note-on order (a note is placed when its note-on arrives), closed FIFO per (channel, pitch) by a
 *   note-off or a note-on of velocity 0; zero-length notes kept, unclosed notes dropped;
 * - CC / pitch bends on a channel whose (channel, program) has no track yet go to a per-channel straggler that is
 *   copied into each track created later on that channel;
 * - pedals from CC64 (≥ 64 on when none is active, < 64 off);
 * - lyrics go to one extra track per chunk (program 0), which sorts after the channel tracks;
 * - tempos, time / key signatures and markers sorted by time (stably; symusic's sort is unstable).
 */
export function parseMidi(data: Uint8Array, options: ParseMidiOptions = {}): Score {
  const file = options.file;
  const { tpq, chunks, onlyTracks } = scanChunks(data, file);
  const score = createScore(tpq);
  // (channel · 128 + pitch) → open notes, FIFO
  const queues: (OpenNote[] | undefined)[] = new Array<OpenNote[] | undefined>(16 * 128);
  const allEvents = parseAllChunks(data, chunks, onlyTracks, tpq, file);
  for (let ci = 0; ci < chunks.length; ci++) {
    const events = allEvents[ci]!;
    const trackMap = new Map<number, Track>();
    const stragglers: (Track | undefined)[] = new Array<Track | undefined>(16);
    const curProgram = new Uint8Array(16);
    // symusic initialises `unit last_pedal_on[16] = {-1}`: only channel 0 starts "off" (-1), the others at 0.
    const lastPedalOn = new Array<number>(16).fill(0);
    lastPedalOn[0] = -1;
    let name = '';
    queues.fill(undefined);
    let lastTrack: Track | undefined;
    let lastKey = -1;
    const getTrack = (channel: number, program: number, create: boolean): Track => {
      const key = channel * 256 + program;
      if (create && key === lastKey && lastTrack) return lastTrack;
      let track = trackMap.get(key);
      if (track === undefined) {
        let straggler = stragglers[channel];
        if (straggler === undefined) {
          straggler = createTrack('', 0, false);
          stragglers[channel] = straggler;
        }
        if (!create) return straggler;
        track = createTrack('', program, channel === 9);
        track.controls = straggler.controls.map((c) => ({ ...c }));
        track.pitchBends = straggler.pitchBends.map((b) => ({ ...b }));
        track.pedals = straggler.pedals.map((p) => ({ ...p }));
        trackMap.set(key, track);
      }
      if (create) {
        lastKey = key;
        lastTrack = track;
      }
      return track;
    };
    let lyricsTrack: Track | undefined;
    let tick = 0;
    for (const e of events) {
      tick += e.deltaTime;
      switch (e.type) {
        case 'noteOn': {
          const channel = e.channel;
          const track = getTrack(channel, curProgram[channel]!, true);
          const note: Note = { time: tick, duration: -1, pitch: e.noteNumber, velocity: e.velocity };
          const qk = channel * 128 + e.noteNumber;
          let q = queues[qk];
          if (q === undefined) {
            q = [];
            queues[qk] = q;
          }
          q.push({ track, index: track.notes.length, time: tick });
          track.notes.push(note);
          break;
        }
        case 'noteOff': {
          const channel = e.channel;
          getTrack(channel, curProgram[channel]!, true);
          const q = queues[channel * 128 + e.noteNumber];
          if (q !== undefined && q.length > 0) {
            const open = q.shift()!;
            open.track.notes[open.index]!.duration = tick - open.time;
          }
          break;
        }
        case 'programChange':
          curProgram[e.channel] = e.programNumber;
          break;
        case 'controller': {
          const channel = e.channel;
          const track = getTrack(channel, curProgram[channel]!, false);
          track.controls.push({ time: tick, number: e.controllerType, value: e.value });
          if (e.controllerType === 64) {
            if (e.value >= 64) {
              if (lastPedalOn[channel]! < 0) lastPedalOn[channel] = tick;
            } else if (lastPedalOn[channel]! >= 0) {
              track.pedals.push({ time: lastPedalOn[channel]!, duration: tick - lastPedalOn[channel]! });
              lastPedalOn[channel] = -1;
            }
          }
          break;
        }
        case 'pitchBend': {
          const channel = e.channel;
          getTrack(channel, curProgram[channel]!, false).pitchBends.push({ time: tick, value: e.value });
          break;
        }
        case 'trackName':
          name = midiText(e.text);
          break;
        case 'setTempo':
          score.tempos.push({ time: tick, mspq: e.microsecondsPerBeat });
          break;
        case 'timeSignature':
          score.timeSignatures.push({ time: tick, numerator: e.numerator, denominator: e.denominator });
          break;
        case 'keySignature':
          score.keySignatures.push({ time: tick, key: e.key, tonality: e.scale });
          break;
        case 'lyrics': {
          const text = midiText(e.text);
          if (text.length === 0) break;
          lyricsTrack ??= createTrack('', 0, false);
          lyricsTrack.lyrics.push({ time: tick, text });
          break;
        }
        case 'marker': {
          const text = midiText(e.text);
          if (text.length > 0) score.markers.push({ time: tick, text } satisfies TextEvent);
          break;
        }
        default:
          break;
      }
    }
    if (lyricsTrack) trackMap.set(LYRICS_KEY, lyricsTrack);
    const keys = [...trackMap.keys()].sort((a, b) => a - b);
    for (const key of keys) {
      const track = trackMap.get(key)!;
      let w = 0;
      const notes = track.notes;
      for (let r = 0; r < notes.length; r++) {
        const n = notes[r]!;
        if (n.duration >= 0) notes[w++] = n;
      }
      notes.length = w;
      if (isTrackEmpty(track)) continue;
      track.name = name;
      track.pedals.sort((a, b) => a.time - b.time || a.duration - b.duration);
      score.tracks.push(track);
    }
  }
  const byTime = (a: { time: number }, b: { time: number }): number => a.time - b.time;
  score.timeSignatures.sort(byTime);
  score.keySignatures.sort(byTime);
  score.tempos.sort(byTime);
  score.markers.sort(byTime);
  return score;
}

/** Reads and parses a MIDI file; errors name the file. */
export async function readMidi(path: string): Promise<Score> {
  const data = await readFile(path);
  return parseMidi(data, { file: path });
}
