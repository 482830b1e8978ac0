import { createScore, type Score } from '../score/score.js';
import { DecodeContext, parseTimeSig, splitToken } from './decode-context.js';
import type { Event } from './event.js';
import { MusicTokenizer, timeTupleString } from './music-tokenizer.js';

const NOTE_TYPES = new Set(['Pitch', 'PitchDrum', 'PitchIntervalTime', 'PitchIntervalChord']);
const TIME_END_TYPES = new Set(['Program', 'Tempo', 'TimeSig', 'Pedal', 'PedalOff', 'PitchBend', 'Chord']);

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

  protected addTimeEvents(events: Event[], tpq: number): Event[] {
    return this.addTimeShiftEvents(events, tpq, NOTE_TYPES, TIME_END_TYPES);
  }

  /** MidiTok `TSD._tokens_to_score`. */
  tokensToScore(seqs: readonly (readonly string[])[], programs?: readonly (readonly [number, boolean])[]): Score {
    const score = createScore(this.timeDivision);
    const ctx = new DecodeContext(this, this.config.oneTokenStreamForPrograms);
    const { tempos, tss } = ctx;
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
    return ctx.finishScore(score);
  }
}
