import { ConfigError } from '@mirkit/core';
import { linspaceInt } from '../numeric/linspace.js';
import { resampleScore } from '../score/resample.js';
import { cloneScore, createScore, type Note, type Score } from '../score/score.js';
import { DecodeContext, parseTimeSig, splitToken } from './decode-context.js';
import { ev, type Event } from './event.js';
import { MusicTokenizer, timeTupleString, type TimeTuple } from './music-tokenizer.js';

const MICROTIME_EVENTS = new Set(['Pitch', 'Pedal', 'PedalOff', 'PitchIntervalChord', 'PitchBend', 'ControlChange', 'Chord', 'PitchDrum', 'Program']);
const NOTE_TYPES = new Set(['Pitch', 'PitchDrum', 'PitchIntervalTime', 'PitchIntervalChord']);
const TIME_END_TYPES = new Set(['Program', 'Tempo', 'TimeSig', 'KeySig', 'Pedal', 'PedalOff', 'PitchBend', 'ControlChange', 'Chord']);

/**
 * PerTok (performance tokenizer): raw ticks at `ticks_per_quarter`, `TimeShift` to the nearest duration value plus
 * `MicroTiming` for the remainder, `Bar_None` per 4/4 bar. Requires `additionalParams.ticks_per_quarter` and
 * `use_microtiming` (+ `max_microtiming_shift`, `num_microtiming_bins` with microtiming).
 */
export class PerTokTokenizer extends MusicTokenizer {
  readonly tokenization: string = 'PerTok';
  declare tpq: number;
  declare useMicrotiming: boolean;
  declare maxMtShift: number;
  declare minTimeshift: number;
  declare microtimingTickValues: number[];

  protected override tweakConfigBeforeCreatingVocab(): void {
    const ap = this.config.additionalParams;
    if (typeof ap.ticks_per_quarter !== 'number') throw new ConfigError('ERR_INVALID_OPTION', 'PerTok needs additionalParams.ticks_per_quarter');
    if (typeof ap.use_microtiming !== 'boolean') throw new ConfigError('ERR_INVALID_OPTION', 'PerTok needs additionalParams.use_microtiming');
    this.tpq = ap.ticks_per_quarter;
    this.useMicrotiming = ap.use_microtiming;
    if (this.useMicrotiming) {
      for (const k of ['max_microtiming_shift', 'num_microtiming_bins']) {
        if (typeof ap[k] !== 'number') throw new ConfigError('ERR_INVALID_OPTION', `PerTok with microtiming needs additionalParams.${k}`);
      }
    }
    if (typeof ap.max_microtiming_shift !== 'number') throw new ConfigError('ERR_INVALID_OPTION', 'PerTok needs additionalParams.max_microtiming_shift');
    this.maxMtShift = ap.max_microtiming_shift * this.tpq;
    if (ap.use_position_toks === true) throw new ConfigError('ERR_INVALID_OPTION', 'PerTok use_position_toks is not supported');
  }

  protected override createDurationsTuples(): TimeTuple[] {
    const out: TimeTuple[] = [];
    for (const [b0, b1, res] of this.config.beatRes) {
      for (let beat = b0; beat < b1; beat++) {
        for (let sub = 0; sub < res; sub++) {
          if (beat === 0 && sub === 0) continue;
          out.push([beat, sub !== 0 ? Math.floor(this.tpq / res) * sub : 0, this.tpq]);
        }
      }
    }
    this.minTimeshift = Math.trunc(Math.min(...out.map(([b, s, r]) => b * r + s)) * 0.5);
    return out;
  }

  protected createBaseVocabulary(): string[] {
    const vocab = ['Bar_None'];
    this.addNoteTokensToVocab(vocab);
    for (const d of this.durations) vocab.push(`TimeShift_${timeTupleString(d)}`);
    if (this.config.useNoteDurationPrograms.some((p) => p !== 0)) for (const d of this.durations) vocab.push(`Duration_${timeTupleString(d)}`);
    if (this.useMicrotiming) {
      this.microtimingTickValues = linspaceInt(-this.maxMtShift, this.maxMtShift, Number(this.config.additionalParams.num_microtiming_bins) + 1);
      for (const m of this.microtimingTickValues) vocab.push(`MicroTiming_${m}`);
    }
    this.addAdditionalTokensToVocab(vocab);
    return [...new Set(vocab)];
  }

  protected override resampleForPreprocessing(input: Score): Score {
    return input.tpq !== this.tpq ? resampleScore(input, this.tpq, 1) : cloneScore(input);
  }

  protected override adjustDurations(): void {}

  private closestDurationTuple(target: number): TimeTuple {
    let best = this.durations[0]!;
    let bestD = Infinity;
    for (const d of this.durations) {
      const dist = Math.abs(d[0] * d[2] + d[1] - target);
      if (dist < bestD) {
        bestD = dist;
        best = d;
      }
    }
    return best;
  }

  protected override durationEvent(note: Note, program: number): Event {
    return ev('Duration', timeTupleString(this.closestDurationTuple(note.duration)), note.time, program, note.duration);
  }

  protected addTimeEvents(events: Event[]): Event[] {
    const out: Event[] = [];
    let previousTick = 0;
    let ticksPerBar = this.tpq * 4;
    let currBar = 0;
    let barTime = 0;
    let microtiming = 0;
    for (const e of events) {
      while (e.time > (currBar + 1) * ticksPerBar - this.minTimeshift) {
        barTime += ticksPerBar;
        out.push(ev('Bar', 'None', barTime));
        currBar += 1;
        previousTick = currBar * ticksPerBar;
      }
      if (e.type === 'TimeSig') {
        const [n, d] = parseTimeSig(e.value);
        ticksPerBar = (d / 4) * n * this.tpq;
      }
      const delta = e.time - previousTick;
      if (MICROTIME_EVENTS.has(e.type)) {
        let shift = 0;
        if (delta >= this.minTimeshift) {
          const t = this.closestDurationTuple(delta);
          out.push(ev('TimeShift', timeTupleString(t), e.time));
          shift = t[0] * t[2] + t[1];
          previousTick += shift;
        }
        microtiming = delta - shift;
      }
      out.push(e);
      if (this.useMicrotiming && MICROTIME_EVENTS.has(e.type)) {
        const vals = this.microtimingTickValues;
        let best = 0;
        for (let i = 1; i < vals.length; i++) if (Math.abs(vals[i]! - microtiming) < Math.abs(vals[best]! - microtiming)) best = i;
        out.push(ev('MicroTiming', vals[best]!, e.time));
      }
    }
    return out;
  }

  /** MidiTok `PerTok._tokens_to_score` (decodes at `ticks_per_quarter`). */
  tokensToScore(seqs: readonly (readonly string[])[], programs?: readonly (readonly [number, boolean])[]): Score {
    const c = this.config;
    const score = createScore(this.tpq);
    const mtOff = this.useMicrotiming ? 1 : 0;
    const velOff = c.useVelocities ? mtOff + 1 : mtOff;
    const durOff = velOff + 1;
    const ctx = new DecodeContext(this, c.oneTokenStreamForPrograms);
    const { tempos, tss } = ctx;
    const tpb = score.tpq;
    const toTicks = (v: string): number => {
      const [b, s, q] = v.split('.').map(Number);
      return (b ?? 0) * (q ?? 0) + (s ?? 0);
    };
    seqs.forEach((seq, si) => {
      let currentTick = 0;
      let currBar = 0;
      let ticksPerBar = tpb * 4;
      ctx.startSequence(seq, si, programs);
      for (let ti = 0; ti < seq.length; ti++) {
        const [type, val] = splitToken(seq[ti]!);
        if (type === 'Bar') {
          currBar += 1;
          currentTick = ticksPerBar * currBar;
        } else if (type === 'TimeShift') currentTick += toTicks(val);
        else if (NOTE_TYPES.has(type)) {
          const prog = ctx.currentProgram;
          let pitch: number;
          if (type === 'Pitch' || type === 'PitchDrum') pitch = Number(val);
          else if (type === 'PitchIntervalTime') pitch = (ctx.prevPitchOnset.get(prog) ?? -128) + Number(val);
          else pitch = (ctx.prevPitchChord.get(prog) ?? -128) + Number(val);
          if (!(c.pitchRange[0] <= pitch && pitch <= c.pitchRange[1])) continue;
          if (type !== 'PitchIntervalChord') ctx.prevPitchOnset.set(prog, pitch);
          ctx.prevPitchChord.set(prog, pitch);
          const at = (k: number): string | undefined => seq[ti + k];
          let mt = 0;
          let mtType = 'MicroTiming';
          if (this.useMicrotiming) {
            const t = at(mtOff);
            if (t === undefined) continue;
            if (t.includes('MicroTiming')) mt = Number(splitToken(t)[1]);
          }
          let velType = 'Velocity';
          let vel = 100;
          if (c.useVelocities) {
            const t = at(velOff);
            if (t === undefined) continue;
            [velType] = splitToken(t);
            vel = Number(splitToken(t)[1]);
          }
          let durType = 'Duration';
          let dur: number;
          if (ctx.useDur) {
            const t = at(durOff);
            if (t === undefined) continue;
            const [dt, dv] = splitToken(t);
            durType = dt;
            dur = toTicks(dv);
          } else dur = Math.trunc(c.defaultNoteDuration * tpb);
          mtType = 'MicroTiming';
          if (mtType === 'MicroTiming' && velType === 'Velocity' && durType === 'Duration') {
            const time = Math.trunc(mt + currentTick);
            ctx.addNote({ time, duration: dur, pitch, velocity: vel });
            ctx.previousNoteEnd = Math.max(ctx.previousNoteEnd, time + dur);
          }
        } else if (type === 'Program') ctx.setProgram(Number(val));
        else if (type === 'Tempo') {
          if (si === 0) tempos.push({ time: currentTick, qpm: Number(val) });
        } else if (type === 'TimeSig') {
          const [n, d] = parseTimeSig(val);
          ticksPerBar = (d / 4) * n * tpb;
          if (si === 0) tss.push({ time: Math.trunc(currentTick), numerator: n, denominator: d });
        } else ctx.decodeEffect(seq, ti, type, val, currentTick, tpb);
        if (TIME_END_TYPES.has(type)) ctx.previousNoteEnd = Math.max(ctx.previousNoteEnd, currentTick);
      }
      ctx.endSequence(score.tracks);
    });
    return ctx.finishScore(score);
  }
}
