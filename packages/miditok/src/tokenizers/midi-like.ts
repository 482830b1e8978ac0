import { createScore, type Note, type Score } from '../score/score.js';
import { DecodeContext, keepsDecodedTrack, parseTimeSig, splitToken } from './decode-context.js';
import type { Event } from './event.js';
import { MusicTokenizer, timeTupleString, timeTupleTicks, type TimeTuple } from './music-tokenizer.js';

const NOTE_TYPES = new Set(['NoteOn', 'DrumOn', 'PitchIntervalTime', 'PitchIntervalChord']);
const TIME_END_TYPES = new Set(['Program', 'Tempo', 'Pedal', 'PedalOff', 'PitchBend', 'Chord']);
const ON_OFF_TYPES = new Set(['NoteOn', 'DrumOn', 'NoteOff', 'DrumOff', 'PitchIntervalTime', 'PitchIntervalChord']);

function eventOrder(e: Event): number {
  if (e.type === 'Tempo' || e.type === 'TimeSig') return 0;
  if (e.type === 'NoteOff' || e.type === 'DrumOff' || (e.type === 'Program' && e.desc === -2)) return 1;
  if (e.type === 'Pedal' || e.type === 'PedalOff' || (e.type === 'Duration' && e.desc === -1)) return 2;
  if (e.type === 'PitchBend') return 3;
  return 10;
}

/**
 * MIDILike: `NoteOn Velocity … NoteOff` with `TimeShift`s. Decoding pairs NoteOn/NoteOff FIFO per (program,
 * pitch); notes still open at the end are dropped unless `additionalParams.max_duration` is set.
 */
export class MidiLikeTokenizer extends MusicTokenizer {
  readonly tokenization: string = 'MIDILike';

  protected override tweakConfigBeforeCreatingVocab(): void {
    this.noteOnOff = true;
  }

  protected createBaseVocabulary(): string[] {
    this.noteOnOff = true;
    const vocab: string[] = [];
    this.addNoteTokensToVocab(vocab);
    for (const d of this.durations) vocab.push(`TimeShift_${timeTupleString(d)}`);
    this.addAdditionalTokensToVocab(vocab);
    if (this.config.useSustainPedals && this.config.sustainPedalDuration) for (const d of this.durations) vocab.push(`Duration_${timeTupleString(d)}`);
    return vocab;
  }

  protected override sortEvents(events: Event[]): void {
    if (this.config.useChords) {
      events.sort((a, b) => a.time - b.time || eventOrder(a) - eventOrder(b));
      this.resetTrackAcTimes(events);
    } else super.sortEvents(events);
  }

  protected addTimeEvents(events: Event[], tpq: number): Event[] {
    return this.addTimeShiftEvents(events, tpq, NOTE_TYPES, TIME_END_TYPES);
  }

  /** MidiTok `MIDILike._tokens_to_score`. */
  tokensToScore(seqs: readonly (readonly string[])[], programs?: readonly (readonly [number, boolean])[]): Score {
    const c = this.config;
    const score = createScore(this.timeDivision);
    const ctx = new DecodeContext(this, c.oneTokenStreamForPrograms);
    const { tempos, tss } = ctx;
    const maxDurRaw = c.additionalParams.max_duration;
    const maxDurTuple = Array.isArray(maxDurRaw) ? (maxDurRaw as unknown as TimeTuple) : typeof maxDurRaw === 'string' ? (maxDurRaw.split('.').map(Number) as unknown as TimeTuple) : undefined;
    let maxDuration: number | undefined;
    let active = new Map<number, Map<number, [number, number][]>>();
    const queue = (prog: number, pitch: number): [number, number][] => {
      let m = active.get(prog);
      if (!m) {
        m = new Map();
        active.set(prog, m);
      }
      let q = m.get(pitch);
      if (!q) {
        q = [];
        m.set(pitch, q);
      }
      return q;
    };
    const clearActive = (progs: number[]): void => {
      if (maxDuration === undefined) return;
      for (const prog of progs) {
        for (const [pitch, ons] of [...(active.get(prog) ?? new Map<number, [number, number][]>())].sort((a, b) => a[0] - b[0])) {
          for (const [onset, vel] of ons) {
            const n: Note = { time: onset, duration: maxDuration, pitch, velocity: vel };
            if (ctx.one) ctx.target(prog).notes.push(n);
            else ctx.currentTrack!.notes.push(n);
          }
        }
      }
    };
    seqs.forEach((seq, si) => {
      let currentTick = 0;
      let tpb = score.tpq;
      if (maxDurTuple) maxDuration = timeTupleTicks(maxDurTuple, tpb);
      ctx.startSequence(seq, si, programs);
      for (let ti = 0; ti < seq.length; ti++) {
        const [type, val] = splitToken(seq[ti]!);
        if (type === 'TimeShift') currentTick += this.tpbTokensToTicks.get(tpb)?.get(val) ?? 0;
        else if (type === 'Rest') currentTick += this.tpbRestsToTicks.get(tpb)?.get(val) ?? 0;
        else if (ON_OFF_TYPES.has(type)) {
          const prog = ctx.currentProgram;
          let pitch: number;
          if (type === 'PitchIntervalTime') pitch = (ctx.prevPitchOnset.get(prog) ?? -128) + Number(val);
          else if (type === 'PitchIntervalChord') pitch = (ctx.prevPitchChord.get(prog) ?? -128) + Number(val);
          else pitch = Number(val);
          if (!(c.pitchRange[0] <= pitch && pitch <= c.pitchRange[1])) continue;
          if (type !== 'NoteOff' && type !== 'DrumOff') {
            let vel = 100;
            if (c.useVelocities) {
              if (ti + 1 >= seq.length) break;
              vel = Number(splitToken(seq[ti + 1]!)[1]);
              if (!Number.isInteger(vel)) continue;
            }
            if (!ctx.useDur) ctx.addNote({ time: currentTick, duration: Math.trunc(c.defaultNoteDuration * tpb), pitch, velocity: vel });
            else queue(prog, pitch).push([currentTick, vel]);
            ctx.prevPitchChord.set(prog, pitch);
            if (type !== 'PitchIntervalChord') ctx.prevPitchOnset.set(prog, pitch);
          } else {
            const q = queue(prog, pitch);
            if (q.length > 0) {
              const [onset, vel] = q.shift()!;
              let duration = currentTick - onset;
              if (maxDuration !== undefined && duration > maxDuration) duration = maxDuration;
              ctx.addNote({ time: onset, duration, pitch, velocity: vel });
            }
          }
        } else if (type === 'Program') ctx.setProgram(Number(val));
        else if (type === 'Tempo') {
          if (si === 0) tempos.push({ time: currentTick, qpm: Number(val) });
        } else if (type === 'TimeSig') {
          const [n, d] = parseTimeSig(val);
          tpb = this.tpbPerTs.get(d) ?? tpb;
          if (maxDurTuple) maxDuration = timeTupleTicks(maxDurTuple, tpb);
          if (si === 0) tss.push({ time: currentTick, numerator: n, denominator: d });
        } else ctx.decodeEffect(seq, ti, type, val, currentTick, tpb);
      }
      const t = ctx.currentTrack;
      if (!ctx.one && keepsDecodedTrack(t)) {
        score.tracks.push(t);
        clearActive([t.program]);
        active.delete(t.program);
      }
    });
    if (ctx.one) clearActive([...active.keys()]);
    active = new Map();
    return ctx.finishScore(score);
  }
}
