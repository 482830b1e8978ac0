import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMirError } from '@mirkit/core';
import { describe, expect, it } from 'vitest';
import { MidiParseError } from '../errors.js';
import { FIXTURES, fixtureFiles, fixtureScore, readGzJson } from '../test-utils/fixture-data.js';
import { parseMidi, readMidi } from './parse-midi.js';
import { parseMidiReference } from './parse-midi-reference.js';
import { noteCount, scoreEnd } from './score.js';

interface ParsedJson {
  score: {
    tpq: number;
    tempos: [number, number, number][];
    time_signatures: [number, number, number][];
    key_signatures: [number, number, number][];
    markers: [number, string][];
    end: number;
    note_num: number;
    tracks: {
      name: string;
      program: number;
      is_drum: boolean;
      notes: number[][];
      pedals?: number[][];
      pitch_bends?: number[][];
      controls?: number[][];
      lyrics?: [number, string][];
    }[];
  };
}

describe.skipIf(!FIXTURES)('parseMidi against symusic 0.5.9 (fixtures parsed/)', () => {
  for (const file of fixtureFiles()) {
    it(`parses ${file.rel} exactly`, () => {
      const exp = readGzJson<ParsedJson>(join(FIXTURES!, 'parsed', `${file.rel}.json.gz`)).score;
      const s = fixtureScore(file);
      expect(s.tpq).toBe(exp.tpq);
      expect(s.tempos.map((t) => [t.time, t.mspq])).toEqual(exp.tempos.map((t) => [t[0], t[1]]));
      expect(s.timeSignatures.map((t) => [t.time, t.numerator, t.denominator])).toEqual(exp.time_signatures);
      expect(s.keySignatures.map((k) => [k.time, k.key, k.tonality])).toEqual(exp.key_signatures);
      expect(s.markers.map((m) => [m.time, m.text])).toEqual(exp.markers);
      expect(scoreEnd(s)).toBe(exp.end);
      expect(noteCount(s)).toBe(exp.note_num);
      expect(s.tracks.length).toBe(exp.tracks.length);
      s.tracks.forEach((t, i) => {
        const e = exp.tracks[i]!;
        expect([t.name, t.program, t.isDrum]).toEqual([e.name, e.program, e.is_drum]);
        expect(t.notes.map((n) => [n.time, n.duration, n.pitch, n.velocity])).toEqual(e.notes);
        expect(t.pedals.map((p) => [p.time, p.duration])).toEqual(e.pedals ?? []);
        expect(t.pitchBends.map((p) => [p.time, p.value])).toEqual(e.pitch_bends ?? []);
        expect(t.lyrics.map((l) => [l.time, l.text])).toEqual(e.lyrics ?? []);
        if (e.controls) expect(t.controls.map((c) => [c.time, c.number, c.value])).toEqual(e.controls);
      });
    });
  }

  it('gives the same scores as the midi-file reference reader on every fixture file', () => {
    for (const file of fixtureFiles()) {
      const bytes = readFileSync(file.path);
      expect(parseMidi(bytes), file.rel).toEqual(parseMidiReference(bytes));
    }
  });

  it("selects the midi-file byte layer with { reader: 'midi-file' }", () => {
    const [first] = fixtureFiles();
    const bytes = readFileSync(first!.path);
    expect(parseMidi(bytes, { reader: 'midi-file' })).toEqual(parseMidi(bytes));
    expect(() => parseMidi(bytes.subarray(0, 30), { reader: 'midi-file', file: 'cut.mid' })).toThrow(/cut\.mid/);
  });

  it('reads a file from disk and names it in errors', async () => {
    const s = await readMidi(join(FIXTURES!, 'midi', 'edge', 'format0_drums_tpq96.mid'));
    expect(s.tpq).toBe(96);
    const bytes = readFileSync(join(FIXTURES!, 'midi', 'edge', 'format0_drums_tpq96.mid'));
    const truncated = bytes.subarray(0, bytes.length - 10);
    const err = (() => {
      try {
        parseMidi(truncated, { file: 'cut.mid' });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(MidiParseError);
    expect(isMirError(err) && err.code).toBe('ERR_MIDI_PARSE');
    expect((err as MidiParseError).message).toMatch(/cut\.mid.*byte offset \d+/);
  });
});

describe('parseMidi on hand-made bytes', () => {
  const vlq = (n: number): number[] => {
    const out = [n & 0x7f];
    for (let v = n >> 7; v > 0; v >>= 7) out.unshift((v & 0x7f) | 0x80);
    return out;
  };
  const file = (tpq: number, ...tracks: number[][]): Uint8Array => {
    const bytes = [0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 1, 0, tracks.length, tpq >> 8, tpq & 0xff];
    for (const t of tracks) bytes.push(0x4d, 0x54, 0x72, 0x6b, 0, 0, (t.length >> 8) & 0xff, t.length & 0xff, ...t);
    return new Uint8Array(bytes);
  };

  it('closes same-pitch notes FIFO, keeps zero-length notes and note-on order, drops unclosed notes', () => {
    const t = [
      ...vlq(0), 0x90, 67, 90, ...vlq(0), 60, 80, ...vlq(0), 64, 70, // chord, not in pitch order, running status
      ...vlq(10), 0x90, 60, 100, // second 60 while the first is open
      ...vlq(5), 0x80, 60, 0, // closes the first 60 (FIFO)
      ...vlq(5), 0x90, 60, 0, // vel 0 closes the second 60
      ...vlq(0), 0x80, 67, 0, ...vlq(0), 0x80, 64, 0,
      ...vlq(0), 0x90, 72, 50, ...vlq(0), 0x80, 72, 0, // zero-length
      ...vlq(0), 0x90, 74, 50, // never closed
      ...vlq(0), 0xff, 0x2f, 0,
    ];
    const s = parseMidi(file(480, t));
    expect(s.tracks).toHaveLength(1);
    expect(s.tracks[0]!.notes.map((n) => [n.time, n.duration, n.pitch, n.velocity])).toEqual([
      [0, 20, 67, 90],
      [0, 15, 60, 80],
      [0, 20, 64, 70],
      [10, 10, 60, 100],
      [20, 0, 72, 50],
    ]);
  });

  it('splits a chunk per (channel, program) and marks channel 9 as drums', () => {
    const t = [
      ...vlq(0), 0xc0, 5, ...vlq(0), 0x90, 60, 100, ...vlq(10), 0x80, 60, 0,
      ...vlq(0), 0xc0, 7, ...vlq(0), 0x90, 62, 100, ...vlq(10), 0x80, 62, 0,
      ...vlq(0), 0x99, 36, 100, ...vlq(10), 0x89, 36, 0,
      ...vlq(0), 0xff, 0x2f, 0,
    ];
    const s = parseMidi(file(96, t));
    expect(s.tracks.map((x) => [x.program, x.isDrum, x.notes.length])).toEqual([
      [5, false, 1],
      [7, false, 1],
      [0, true, 1],
    ]);
  });

  it('copies earlier CC / pitch bends into tracks created later on the channel and follows program changes', () => {
    const t = [
      ...vlq(0), 0xb0, 64, 127, ...vlq(0), 0xe0, 0, 0x40, // pedal on + centred bend before any note (straggler)
      ...vlq(0), 0x90, 60, 100, ...vlq(10), 0x80, 60, 0, // program 0
      ...vlq(0), 0xc0, 5, ...vlq(0), 0x90, 62, 90, ...vlq(10), 0x80, 62, 0, // program 5: a new track
      ...vlq(0), 0xc0, 0, ...vlq(0), 0x90, 64, 80, ...vlq(10), 0x80, 64, 0, // back to program 0: the first track
      ...vlq(0), 0xb0, 64, 0, // pedal off, on the (channel 0, program 0) track
      ...vlq(0), 0xff, 0x05, 2, 0x68, 0x69, // lyrics "hi": a lyrics track after the channel tracks
      ...vlq(0), 0xff, 0x2f, 0,
    ];
    const s = parseMidi(file(96, t));
    expect(parseMidiReference(file(96, t))).toEqual(s);
    expect(s.tracks.map((x) => [x.program, x.notes.map((n) => n.pitch), x.controls.length, x.pitchBends.length, x.pedals, x.lyrics.length])).toEqual([
      [0, [60, 64], 2, 1, [{ time: 0, duration: 30 }], 0],
      [5, [62], 1, 1, [], 0],
      [0, [], 0, 0, [], 1],
    ]);
  });

  it('rejects garbage with MidiParseError naming the offset', () => {
    expect(() => parseMidi(new Uint8Array([1, 2, 3]))).toThrow(MidiParseError);
    expect(() => parseMidi(new TextEncoder().encode('MThd this is not midi at all'), { file: 'x.mid' })).toThrow(/x\.mid/);
    const bad = file(480, [0, 0x3c, 0x40]); // running status before any status byte: event at 22, chunk at 14
    expect(() => parseMidi(bad)).toThrow(/at byte offset 22: running status .* chunk at byte offset 14/);
    const cut = file(480, [0, 0x90, 60, 100, 0, 0xff, 0x03, 10, 0x41]); // track name running past the chunk end
    expect(() => parseMidi(cut)).toThrow(/at byte offset 26: event length 10 runs past the end/);
    const smpte = file(480, [0, 0xff, 0x2f, 0]);
    smpte[12] = 0xe7;
    expect(() => parseMidi(smpte)).toThrow(/SMPTE/);
  });
});
