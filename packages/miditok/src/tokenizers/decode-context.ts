import { DataError } from '@mirkit/core';
import { pyRound } from '../numeric/rounding.js';
import { createScore, createTrack, type Note, type Score, type Tempo, type TimeSignature, type Track } from '../score/score.js';
import { trackNameOf } from './instruments.js';
import type { MusicTokenizer } from './music-tokenizer.js';
import { qpmToMspq } from './time-utils.js';

/** Splits `"Type_Value"` at the first underscore (MidiTok tokens have exactly one). */
export function splitToken(token: string): [string, string] {
  const i = token.indexOf('_');
  return i < 0 ? [token, ''] : [token.slice(0, i), token.slice(i + 1)];
}

export function parseTimeSig(value: string): [number, number] {
  const [n, d] = value.split('/').map(Number);
  return [n ?? 4, d ?? 4];
}

/** `[program, isDrum]` of stream `si` from the `programs` given to `decode`. */
export function streamProgram(programs: readonly (readonly [number, boolean])[], si: number): readonly [number, boolean] {
  const p = programs[si];
  if (!p) throw new DataError('ERR_INDEX_OUT_OF_RANGE', `Sequence ${si} has no entry in programs (${programs.length} given)`);
  return p;
}

/** One-stream decoding: the track of `program` (−1: drums), created in first-use order. */
export function programTrack(tracks: Map<number, Track>, program: number): Track {
  let t = tracks.get(program);
  if (!t) {
    t = createTrack(trackNameOf(program), program === -1 ? 0 : program, program === -1);
    tracks.set(program, t);
  }
  return t;
}

/** Whether a decoded multi-stream track is kept (MidiTok keeps those with notes, controls or pitch bends). */
export function keepsDecodedTrack(t: Track | undefined): t is Track {
  return t !== undefined && (t.notes.length > 0 || t.controls.length > 0 || t.pitchBends.length > 0);
}

/** Tempo of a decoded compound-token tempo list in quarters per minute, rounded as MidiTok compares them. */
export function compoundQpm(t: { mspq: number }): number {
  return t.mspq === 0 ? -1 : pyRound(60_000_000 / t.mspq, 2);
}

/**
 * State shared by CPWord's and Octuple's `_tokens_to_score`: the score, the one-stream tracks per program, the
 * tempos (after a `(-1, 0)` sentinel, as upstream) and the time signatures.
 */
export class CompoundDecodeState {
  readonly score: Score;
  readonly tracks = new Map<number, Track>();
  readonly tempos: Tempo[] = [{ time: -1, mspq: 0 }];
  readonly tss: TimeSignature[] = [];

  constructor(
    tpq: number,
    readonly one: boolean,
  ) {
    this.score = createScore(tpq);
  }

  /** Ends a multi-stream sequence: keeps its track when it holds events. */
  endSequence(track: Track | undefined): void {
    if (!this.one && keepsDecodedTrack(track)) this.score.tracks.push(track);
  }

  /**
   * The decoded score: one-stream tracks in creation order, the sentinel dropped and the default tempo at tick 0
   * unless the first tempo is there (or equals it, then moved to 0), time signatures.
   */
  finish(defaultTempo: number): Score {
    const { score, tempos } = this;
    if (this.one) score.tracks = [...this.tracks.values()];
    tempos.shift();
    if (tempos.length === 0 || (tempos[0]!.time !== 0 && compoundQpm(tempos[0]!) !== defaultTempo)) tempos.unshift({ time: 0, mspq: qpmToMspq(defaultTempo) });
    else if (compoundQpm(tempos[0]!) === defaultTempo) tempos[0]!.time = 0;
    score.tempos = tempos;
    score.timeSignatures = this.tss;
    return score;
  }
}

/**
 * Mutable state shared by the decoders of REMI-like tokenizers (MidiTok's `_tokens_to_score` locals): the tracks
 * being built, the current program and the per-program pitch memories used by pitch intervals.
 */
export class DecodeContext {
  readonly tracks = new Map<number, Track>();
  currentTrack: Track | undefined;
  currentProgram = 0;
  useDur = true;
  previousNoteEnd = 0;
  readonly prevPitchOnset = new Map<number, number>();
  readonly prevPitchChord = new Map<number, number>();
  readonly activePedals = new Map<number, number>();
  /** Tempos decoded (from the first sequence), in quarters per minute. */
  readonly tempos: { time: number; qpm: number }[] = [];
  /** Time signatures decoded (from the first sequence). */
  readonly tss: TimeSignature[] = [];

  constructor(
    private readonly tok: MusicTokenizer,
    readonly one: boolean,
  ) {}

  /** Starts a sequence: resets the per-sequence state and creates its track in multi-stream mode. */
  startSequence(seq: readonly string[], si: number, programs?: readonly (readonly [number, boolean])[]): void {
    const c = this.tok.config;
    this.currentProgram = 0;
    this.previousNoteEnd = 0;
    this.prevPitchOnset.clear();
    this.prevPitchChord.clear();
    this.activePedals.clear();
    if (!this.one) {
      let isDrum = false;
      if (programs) [this.currentProgram, isDrum] = streamProgram(programs, si);
      else if (c.usePrograms) {
        for (const tok of seq) {
          const [type, val] = splitToken(tok);
          if (type.startsWith('Program')) {
            this.currentProgram = Number(val);
            if (this.currentProgram === -1) {
              isDrum = true;
              this.currentProgram = 0;
            }
            break;
          }
        }
      }
      this.currentTrack = createTrack(trackNameOf(this.currentProgram), this.currentProgram, isDrum);
    }
    this.useDur = c.useNoteDurationPrograms.includes(this.currentProgram);
  }

  /** The track notes/pedals/bends of `program` go to. */
  target(program: number): Track {
    return this.one ? programTrack(this.tracks, program) : this.currentTrack!;
  }

  addNote(note: Note): void {
    this.target(this.currentProgram).notes.push(note);
  }

  setProgram(program: number): void {
    const c = this.tok.config;
    this.currentProgram = program;
    this.useDur = c.useNoteDurationPrograms.includes(program);
    if (!this.one && c.programChanges && this.currentTrack) {
      if (program !== -1) this.currentTrack.program = program;
      else {
        this.currentTrack.program = 0;
        this.currentTrack.isDrum = true;
      }
    }
  }

  /**
   * A `Pitch*` token followed by `Velocity` / `Duration` (MidiTok's REMI/TSD note decoding). Returns the pitch or
   * `undefined` when the token is skipped.
   */
  decodePitch(seq: readonly string[], ti: number, type: string, val: string, tick: number, tpb: number): void {
    const c = this.tok.config;
    let pitch: number;
    if (type === 'Pitch' || type === 'PitchDrum') pitch = Number(val);
    else if (type === 'PitchIntervalTime') pitch = (this.prevPitchOnset.get(this.currentProgram) ?? -128) + Number(val);
    else pitch = (this.prevPitchChord.get(this.currentProgram) ?? -128) + Number(val);
    if (!(c.pitchRange[0] <= pitch && pitch <= c.pitchRange[1])) return;
    if (type !== 'PitchIntervalChord') this.prevPitchOnset.set(this.currentProgram, pitch);
    this.prevPitchChord.set(this.currentProgram, pitch);
    this.decodeNote(seq, ti, pitch, tick, tpb);
  }

  /**
   * The note of a pitch token at `ti`: reads the `Velocity` / `Duration` tokens after it (default velocity 100,
   * default duration when the program has no durations) and adds it when both have the expected types.
   */
  decodeNote(seq: readonly string[], ti: number, pitch: number, tick: number, tpb: number): void {
    const c = this.tok.config;
    let velType = 'Velocity';
    let vel = 100;
    let durType = 'Duration';
    let dur: number | undefined;
    if (c.useVelocities) {
      const next = seq[ti + 1];
      if (next === undefined) return;
      const [vt, vv] = splitToken(next);
      velType = vt;
      vel = Number(vv);
    }
    if (this.useDur) {
      const next = seq[ti + (c.useVelocities ? 2 : 1)];
      if (next === undefined) return;
      const [dt, dv] = splitToken(next);
      durType = dt;
      if (dt === 'Duration') dur = this.tok.tpbTokensToTicks.get(tpb)?.get(dv);
    } else dur = Math.trunc(c.defaultNoteDuration * tpb);
    if (velType === 'Velocity' && durType === 'Duration' && dur !== undefined) {
      this.addNote({ time: tick, duration: dur, pitch, velocity: vel });
      this.previousNoteEnd = Math.max(this.previousNoteEnd, tick + dur);
    }
  }

  /** `Pedal`, `PedalOff` and `PitchBend` tokens. Returns true when the token was one of them. */
  decodeEffect(seq: readonly string[], ti: number, type: string, val: string, tick: number, tpb: number): boolean {
    const c = this.tok.config;
    if (type === 'Pedal') {
      const prog = c.usePrograms ? Number(val) : this.currentProgram;
      if (c.sustainPedalDuration && ti + 1 < seq.length) {
        const [nt, nv] = splitToken(seq[ti + 1]!);
        if (nt === 'Duration') this.target(prog).pedals.push({ time: tick, duration: this.tok.tpbTokensToTicks.get(tpb)?.get(nv) ?? 0 });
      } else if (!this.activePedals.has(prog)) this.activePedals.set(prog, tick);
      return true;
    }
    if (type === 'PedalOff') {
      const prog = c.usePrograms ? Number(val) : this.currentProgram;
      const start = this.activePedals.get(prog);
      if (start !== undefined) {
        this.target(prog).pedals.push({ time: start, duration: tick - start });
        this.activePedals.delete(prog);
      }
      return true;
    }
    if (type === 'PitchBend') {
      this.target(this.currentProgram).pitchBends.push({ time: tick, value: Number(val) });
      return true;
    }
    return false;
  }

  /** Ends a sequence: keeps its track when it holds notes, controls or pitch bends. */
  endSequence(out: Track[]): void {
    const t = this.currentTrack;
    if (!this.one && keepsDecodedTrack(t)) out.push(t);
  }

  /** One-stream tracks in creation order. */
  oneStreamTracks(): Track[] {
    return [...this.tracks.values()];
  }

  /** Completes a decoded score: one-stream tracks, {@link tempos} and {@link tss}. */
  finishScore(score: Score): Score {
    if (this.one) score.tracks = this.oneStreamTracks();
    score.tempos = this.tempos.map((t) => ({ time: t.time, mspq: qpmToMspq(t.qpm) }));
    score.timeSignatures = this.tss;
    return score;
  }
}
