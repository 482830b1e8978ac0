import { DataError } from '@mirkit/core';
import { createTrack, type Note, type Track } from '../score/score.js';
import { trackNameOf } from './instruments.js';
import type { MusicTokenizer } from './music-tokenizer.js';

/** Splits `"Type_Value"` at the first underscore (MidiTok tokens have exactly one). */
export function splitToken(token: string): [string, string] {
  const i = token.indexOf('_');
  return i < 0 ? [token, ''] : [token.slice(0, i), token.slice(i + 1)];
}

export function parseTimeSig(value: string): [number, number] {
  const [n, d] = value.split('/').map(Number);
  return [n ?? 4, d ?? 4];
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
      if (programs) {
        const p = programs[si];
        if (!p) {
          throw new DataError('ERR_INDEX_OUT_OF_RANGE', `Sequence ${si} has no entry in programs (${programs.length} given)`);
        }
        [this.currentProgram, isDrum] = [p[0], p[1]];
      } else if (c.usePrograms) {
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
    if (!this.one) return this.currentTrack!;
    let t = this.tracks.get(program);
    if (!t) {
      t = createTrack(trackNameOf(program), program === -1 ? 0 : program, program === -1);
      this.tracks.set(program, t);
    }
    return t;
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
    if (!this.one && t && (t.notes.length > 0 || t.controls.length > 0 || t.pitchBends.length > 0)) out.push(t);
  }

  /** One-stream tracks in creation order. */
  oneStreamTracks(): Track[] {
    return [...this.tracks.values()];
  }
}
