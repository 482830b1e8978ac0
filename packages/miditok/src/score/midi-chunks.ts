import { MidiParseError } from '../errors.js';

/** A track chunk: the file offset of its header and its data (a view of the file bytes). */
export interface ChunkInfo {
  offset: number;
  bytes: Uint8Array;
}

/** The header fields and the track chunks of a MIDI file. */
export interface MidiChunks {
  format: number;
  tpq: number;
  chunks: ChunkInfo[];
  /** True when the file is a 6-byte header followed by track chunks only. */
  onlyTracks: boolean;
}

function readU32(b: Uint8Array, o: number): number {
  return ((b[o]! << 24) >>> 0) + (b[o + 1]! << 16) + (b[o + 2]! << 8) + b[o + 3]!;
}

function chunkId(b: Uint8Array, o: number): string {
  return String.fromCharCode(b[o]!, b[o + 1]!, b[o + 2]!, b[o + 3]!);
}

/** Validates the chunk structure and returns the header fields and the track chunks with their offsets. */
export function scanChunks(bytes: Uint8Array, file: string | undefined): MidiChunks {
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
