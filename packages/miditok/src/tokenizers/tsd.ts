import { createScore, type Score, type TimeSignature } from '../score/score.js';
import { DecodeContext, parseTimeSig, splitToken } from './decode-context.js';
import { ev, type Event } from './event.js';
import { MusicTokenizer, qpmToMspq, ticksPerBeatOf, timeTupleString } from './music-tokenizer.js';

const NOTE_TYPES = new Set(['Pitch', 'PitchDrum', 'PitchIntervalTime', 'PitchIntervalChord']);
const TIME_END_TYPES = new Set(['Program', 'Tempo', 'TimeSig', 'Pedal', 'PedalOff', 'PitchBend', 'Chord']);

/**
 * Shared time logic of TSD and MIDILike (MidiTok `_add_time_events`): optional rests from the last note end, then a
 * greedy `TimeShift` decomposition of the gap. `noteTypes` / `endTypes` decide what moves the last note end.
 */
export function addTimeShiftEvents(
  tok: MusicTokenizer & { restsFor(gap: number, tpb: number): [string[], number[]]; shiftsFor(gap: number, tpb: number): [string[], number[]]; minRestTicks(tpb: number): number },
  events: Event[],
  tpq: number,
  noteTypes: ReadonlySet<string>,
  endTypes: ReadonlySet<string>,
): Event[] {
  const out: Event[] = [];
  let previousTick = 0;
  let previousNoteEnd = 0;
  let tpb = ticksPerBeatOf(4, tpq);
  for (const e of events) {
    if (e.time !== previousTick) {
      if (tok.config.useRests && e.time - previousNoteEnd >= tok.minRestTicks(tpb)) {
        previousTick = previousNoteEnd;
        const [values, ticks] = tok.restsFor(e.time - previousTick, tpb);
        for (let k = 0; k < values.length; k++) {
          out.push(ev('Rest', values[k]!, previousTick));
          previousTick += ticks[k]!;
        }
      }
      if (e.time !== previousTick) {
        const [values, ticks] = tok.shiftsFor(e.time - previousTick, tpb);
        for (let k = 0; k < values.length; k++) {
          out.push(ev('TimeShift', values[k]!, previousTick));
          previousTick += ticks[k]!;
        }
      }
      previousTick = e.time;
    }
    if (e.type === 'TimeSig') tpb = ticksPerBeatOf(parseTimeSig(e.value)[1], tpq);
    out.push(e);
    if (noteTypes.has(e.type)) previousNoteEnd = Math.max(previousNoteEnd, e.desc);
    else if (endTypes.has(e.type)) previousNoteEnd = Math.max(previousNoteEnd, e.time);
  }
  return out;
}

/** TSD: `TimeShift` + `Pitch Velocity Duration`, with the same additional tokens as REMI. */
export class TsdTokenizer extends MusicTokenizer {
  readonly tokenization: string = 'TSD';

  protected createBaseVocabulary(): string[] {
    const vocab: string[] = [];
    this.addNoteTokensToVocab(vocab);
    for (const d of this.durations) vocab.push(`TimeShift_${timeTupleString(d)}`);
    this.addAdditionalTokensToVocab(vocab);
    return vocab;
  }

  restsFor(gap: number, tpb: number): [string[], number[]] {
    const [v, t] = this.timeTicksToTokens(gap, tpb, true);
    return [v.map(timeTupleString), t];
  }

  shiftsFor(gap: number, tpb: number): [string[], number[]] {
    const [v, t] = this.timeTicksToTokens(gap, tpb);
    return [v.map(timeTupleString), t];
  }

  minRestTicks(tpb: number): number {
    return this.minRest(tpb);
  }

  protected addTimeEvents(events: Event[], tpq: number): Event[] {
    return addTimeShiftEvents(this, events, tpq, NOTE_TYPES, TIME_END_TYPES);
  }

  decode(ids: readonly number[] | readonly (readonly number[])[], programs?: readonly (readonly [number, boolean])[]): Score {
    const seqs: string[][] = this.config.oneTokenStreamForPrograms
      ? [this.idsToTokens(ids as readonly number[])]
      : (ids as readonly (readonly number[])[]).map((s) => this.idsToTokens(s));
    return this.finalizeDecodedScore(this.tokensToScore(seqs, programs));
  }

  /** MidiTok `TSD._tokens_to_score`. */
  tokensToScore(seqs: readonly (readonly string[])[], programs?: readonly (readonly [number, boolean])[]): Score {
    const score = createScore(this.timeDivision);
    const tempos: { time: number; qpm: number }[] = [];
    const tss: TimeSignature[] = [];
    const ctx = new DecodeContext(this, this.config.oneTokenStreamForPrograms);
    seqs.forEach((seq, si) => {
      let currentTick = 0;
      let tpb = score.tpq;
      ctx.startSequence(seq, si, programs);
      for (let ti = 0; ti < seq.length; ti++) {
        const [type, val] = splitToken(seq[ti]!);
        if (type === 'TimeShift') currentTick += this.tpbTokensToTicks.get(tpb)?.get(val) ?? 0;
        else if (type === 'Rest') {
          currentTick = Math.max(ctx.previousNoteEnd, currentTick);
          currentTick += this.tpbRestsToTicks.get(tpb)?.get(val) ?? 0;
        } else if (NOTE_TYPES.has(type)) ctx.decodePitch(seq, ti, type, val, currentTick, tpb);
        else if (type === 'Program') ctx.setProgram(Number(val));
        else if (type === 'Tempo') {
          if (si === 0) tempos.push({ time: currentTick, qpm: Number(val) });
        } else if (type === 'TimeSig') {
          const [n, d] = parseTimeSig(val);
          if (si === 0) tss.push({ time: currentTick, numerator: n, denominator: d });
          tpb = this.tpbPerTs.get(d) ?? tpb;
        } else ctx.decodeEffect(seq, ti, type, val, currentTick, tpb);
        if (TIME_END_TYPES.has(type)) ctx.previousNoteEnd = Math.max(ctx.previousNoteEnd, currentTick);
      }
      ctx.endSequence(score.tracks);
    });
    if (ctx.one) score.tracks = ctx.oneStreamTracks();
    score.tempos = tempos.map((t) => ({ time: t.time, mspq: qpmToMspq(t.qpm) }));
    score.timeSignatures = tss;
    return score;
  }
}
