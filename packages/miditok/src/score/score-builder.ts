import { createScore, createTrack, isTrackEmpty, type Note, type Score, type Track } from './score.js';

/** Key of the per-chunk lyrics track: it sorts after every (channel · 256 + program) key. */
const LYRICS_KEY = 16 * 256;

const byTime = (a: { time: number }, b: { time: number }): number => a.time - b.time;

/**
 * Builds a {@link Score} from the channel and meta events of a MIDI file, chunk by chunk, with symusic 0.5.9's
 * rules (see `parseMidi`). The byte readers (ours in `parse-midi.ts`, midi-file's in `parse-midi-reference.ts`)
 * only decode events and call these methods, so both produce scores by the same code.
 *
 * Waste avoided on the hot path: open notes are the `Note` objects themselves in per-(channel, pitch) FIFOs with
 * a head index (no `shift()`, no wrapper objects), tracks live in a flat (channel · 256 + program) table, and the
 * current note track of each channel is cached until its next program change.
 */
export class ScoreBuilder {
  readonly score: Score;
  /**
   * (channel · 256 + pitch) → notes waiting for their note-off: `queues[k][queueHead[k] … queueTail[k] - 1]`, FIFO.
   * The arrays are reused (never shrunk) once a queue empties.
   */
  private readonly queues: (Note[] | undefined)[] = new Array<Note[] | undefined>(16 * 256);
  private readonly queueHead = new Int32Array(16 * 256);
  private readonly queueTail = new Int32Array(16 * 256);
  /** (channel · 256 + program) → track of the current chunk. */
  private readonly tracks: (Track | undefined)[] = new Array<Track | undefined>(LYRICS_KEY);
  private readonly usedKeys: number[] = [];
  /** Per channel: the track of (channel, current program) once created, until the next program change. */
  private readonly noteTrack: (Track | undefined)[] = new Array<Track | undefined>(16).fill(undefined);
  private readonly stragglers: (Track | undefined)[] = new Array<Track | undefined>(16).fill(undefined);
  private readonly program = new Uint8Array(16);
  private readonly lastPedalOn = new Float64Array(16);
  /** Notes of the chunk waiting for their note-off. */
  private openNotes = 0;
  private lyricsTrack: Track | undefined;
  private name = '';

  constructor(tpq: number) {
    this.score = createScore(tpq);
  }

  /** Resets the per-chunk state (programs, pedals, open notes, tracks). */
  beginChunk(): void {
    this.noteTrack.fill(undefined);
    this.stragglers.fill(undefined);
    this.program.fill(0);
    // symusic initialises `unit last_pedal_on[16] = {-1}`: only channel 0 starts "off" (-1), the others at 0.
    this.lastPedalOn.fill(0);
    this.lastPedalOn[0] = -1;
    this.openNotes = 0;
    this.lyricsTrack = undefined;
    this.name = '';
  }

  private straggler(channel: number): Track {
    let s = this.stragglers[channel];
    if (s === undefined) {
      s = createTrack('', 0, false);
      this.stragglers[channel] = s;
    }
    return s;
  }

  /** The (channel, current program) track, created on first use with a copy of the channel's straggler events. */
  private trackFor(channel: number): Track {
    const cached = this.noteTrack[channel];
    if (cached !== undefined) return cached;
    const key = channel * 256 + this.program[channel]!;
    let track = this.tracks[key];
    if (track === undefined) {
      const s = this.straggler(channel);
      track = createTrack('', this.program[channel]!, channel === 9);
      track.controls = s.controls.map((c) => ({ ...c }));
      track.pitchBends = s.pitchBends.map((b) => ({ ...b }));
      track.pedals = s.pedals.map((p) => ({ ...p }));
      this.tracks[key] = track;
      this.usedKeys.push(key);
    }
    this.noteTrack[channel] = track;
    return track;
  }

  /** The existing (channel, current program) track, else the channel's straggler (CC / pitch bends). */
  private trackOrStraggler(channel: number): Track {
    return this.noteTrack[channel] ?? this.tracks[channel * 256 + this.program[channel]!] ?? this.straggler(channel);
  }

  noteOn(tick: number, channel: number, pitch: number, velocity: number): void {
    const note: Note = { time: tick, duration: -1, pitch, velocity };
    this.trackFor(channel).notes.push(note);
    const qk = channel * 256 + pitch;
    const q = this.queues[qk];
    this.openNotes++;
    if (q === undefined) {
      this.queues[qk] = [note];
      this.queueTail[qk] = 1;
    } else {
      const tail = this.queueTail[qk]!;
      q[tail] = note;
      this.queueTail[qk] = tail + 1;
    }
  }

  /** A note-off (or a note-on of velocity 0): closes the oldest open note of (channel, pitch). */
  noteOff(tick: number, channel: number, pitch: number): void {
    this.trackFor(channel);
    const qk = channel * 256 + pitch;
    const head = this.queueHead[qk]!;
    const tail = this.queueTail[qk]!;
    if (head === tail) return;
    const note = this.queues[qk]![head]!;
    note.duration = tick - note.time;
    this.openNotes--;
    if (head + 1 === tail) {
      this.queueHead[qk] = 0;
      this.queueTail[qk] = 0;
    } else {
      this.queueHead[qk] = head + 1;
    }
  }

  programChange(channel: number, program: number): void {
    if (this.program[channel] !== program) {
      this.program[channel] = program;
      this.noteTrack[channel] = undefined;
    }
  }

  controller(tick: number, channel: number, number: number, value: number): void {
    const track = this.trackOrStraggler(channel);
    track.controls.push({ time: tick, number, value });
    if (number === 64) {
      const on = this.lastPedalOn[channel]!;
      if (value >= 64) {
        if (on < 0) this.lastPedalOn[channel] = tick;
      } else if (on >= 0) {
        track.pedals.push({ time: on, duration: tick - on });
        this.lastPedalOn[channel] = -1;
      }
    }
  }

  pitchBend(tick: number, channel: number, value: number): void {
    this.trackOrStraggler(channel).pitchBends.push({ time: tick, value });
  }

  trackName(text: string): void {
    this.name = text;
  }

  tempo(tick: number, mspq: number): void {
    this.score.tempos.push({ time: tick, mspq });
  }

  timeSignature(tick: number, numerator: number, denominator: number): void {
    this.score.timeSignatures.push({ time: tick, numerator, denominator });
  }

  keySignature(tick: number, key: number, tonality: number): void {
    this.score.keySignatures.push({ time: tick, key, tonality });
  }

  lyrics(tick: number, text: string): void {
    if (text.length === 0) return;
    this.lyricsTrack ??= createTrack('', 0, false);
    this.lyricsTrack.lyrics.push({ time: tick, text });
  }

  marker(tick: number, text: string): void {
    if (text.length > 0) this.score.markers.push({ time: tick, text });
  }

  /**
   * Appends the chunk's non-empty tracks in (channel, program) order, lyrics last, dropping the notes never closed
   * (duration −1; nothing to do when every note was closed).
   */
  endChunk(): void {
    const keys = this.usedKeys.sort((a, b) => a - b);
    if (this.lyricsTrack !== undefined) keys.push(LYRICS_KEY);
    const unclosed = this.openNotes > 0;
    if (unclosed) {
      // (a FIFO that empties resets to 0, so they are all at 0 when every note was closed)
      this.queueHead.fill(0);
      this.queueTail.fill(0);
    }
    for (const key of keys) {
      let track: Track;
      if (key === LYRICS_KEY) {
        track = this.lyricsTrack!;
      } else {
        track = this.tracks[key]!;
        this.tracks[key] = undefined;
      }
      if (unclosed) {
        const notes = track.notes;
        let w = 0;
        for (let r = 0; r < notes.length; r++) {
          const n = notes[r]!;
          if (n.duration >= 0) notes[w++] = n;
        }
        notes.length = w;
      }
      if (isTrackEmpty(track)) continue;
      track.name = this.name;
      if (track.pedals.length > 1) track.pedals.sort((a, b) => a.time - b.time || a.duration - b.duration);
      this.score.tracks.push(track);
    }
    keys.length = 0;
  }

  /** The score, with tempos, time / key signatures and markers sorted by time (stably). */
  finish(): Score {
    const s = this.score;
    s.timeSignatures.sort(byTime);
    s.keySignatures.sort(byTime);
    s.tempos.sort(byTime);
    s.markers.sort(byTime);
    return s;
  }
}
