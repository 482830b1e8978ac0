import type { TokenizerConfig, TokenizerConfigOptions } from '../config/tokenizer-config.js';
import { createScore, type Score } from '../score/score.js';
import { BarClock } from './bar-clock.js';
import { DecodeContext, parseTimeSig, splitToken } from './decode-context.js';
import { ev, type Event } from './event.js';
import { MusicTokenizer, ticksPerBarOf, ticksPerBeatOf } from './music-tokenizer.js';

const NOTE_TYPES = new Set(['Pitch', 'PitchDrum', 'PitchIntervalTime', 'PitchIntervalChord']);
const FIRST_TS_STOP = new Set(['Pitch', 'PitchDrum', 'Velocity', 'Duration', 'PitchBend', 'Pedal']);
const TIME_END_TYPES = new Set(['Program', 'Tempo', 'TimeSig', 'Pedal', 'PedalOff', 'PitchBend', 'Chord']);

/** Latest end time seen so far (MidiTok `REMI._previous_note_end_update`). */
export function previousNoteEndUpdate(e: Event, previous: number): number {
  let t = 0;
  if (NOTE_TYPES.has(e.type)) t = e.desc;
  else if (TIME_END_TYPES.has(e.type)) t = e.time;
  return Math.max(previous, t);
}

/**
 * REMI (and REMI+ with programs + time signatures): `Bar`, `Position`, then `[Program] Pitch Velocity Duration`
 * per note, with optional chords, rests, tempos, time signatures, pedals and pitch bends.
 */
export class RemiTokenizer extends MusicTokenizer {
  readonly tokenization: string = 'REMI';

  constructor(config: TokenizerConfig | TokenizerConfigOptions = {}) {
    super(config);
  }

  protected override tweakConfigBeforeCreatingVocab(): void {
    const ap = this.config.additionalParams;
    if (!('max_bar_embedding' in ap)) ap.max_bar_embedding = null;
    if (!('use_bar_end_tokens' in ap)) ap.use_bar_end_tokens = false;
    if (!('add_trailing_bars' in ap)) ap.add_trailing_bars = false;
  }

  protected get maxBarEmbedding(): number | null {
    const v = this.config.additionalParams.max_bar_embedding;
    return typeof v === 'number' ? v : null;
  }

  protected createBaseVocabulary(): string[] {
    const vocab: string[] = [];
    const mbe = this.maxBarEmbedding;
    if (mbe !== null) for (let i = 0; i < mbe; i++) vocab.push(`Bar_${i}`);
    else vocab.push('Bar_None');
    if (this.config.additionalParams.use_bar_end_tokens) vocab.push('Bar_End');
    this.addNoteTokensToVocab(vocab);
    const maxBeats = Math.max(...this.timeSignatures.map((t) => t[0]));
    const n = this.config.maxNumPosPerBeat * maxBeats;
    for (let i = 0; i < n; i++) vocab.push(`Position_${i}`);
    this.addAdditionalTokensToVocab(vocab);
    return vocab;
  }

  protected ticksPerPos(tpb: number): number {
    return Math.floor(tpb / this.config.maxNumPosPerBeat);
  }

  protected addTimeEvents(events: Event[], tpq: number): Event[] {
    const c = this.config;
    const out: Event[] = [];
    const bar = new BarClock();
    let previousTick = -1;
    let previousNoteEnd = 0;
    let ts: [number, number] = [4, 4];
    if (c.useTimeSignatures) {
      for (const e of events) {
        if (e.type === 'TimeSig') {
          ts = parseTimeSig(e.value);
          break;
        }
      }
    }
    let ticksPerBar = ticksPerBarOf({ numerator: ts[0], denominator: ts[1] }, tpq);
    let ticksPerBeat = ticksPerBeatOf(ts[1], tpq);
    let ticksPerPos = this.ticksPerPos(ticksPerBeat);
    const useBarEnd = Boolean(c.additionalParams.use_bar_end_tokens);
    const mbe = this.maxBarEmbedding;
    const addNewBars = (untilTime: number, eventType: string): void => {
      const num = bar.barAt(untilTime, ticksPerBar) - bar.currentBar;
      for (let i = 0; i < num; i++) {
        bar.currentBar += 1;
        bar.tickAtCurrentBar = bar.barTick(bar.currentBar, ticksPerBar);
        if (useBarEnd && bar.currentBar > 0) out.push(ev('Bar', 'End', bar.tickAtCurrentBar - 1));
        // MidiTok writes `Bar_{current_bar + i}` after incrementing current_bar (indices skip; reproduced).
        out.push(ev('Bar', mbe !== null ? String(bar.currentBar + i) : 'None', bar.tickAtCurrentBar));
        if (c.useTimeSignatures && !(eventType === 'TimeSig' && i + 1 === num)) out.push(ev('TimeSig', `${ts[0]}/${ts[1]}`, bar.tickAtCurrentBar));
      }
    };
    for (let ei = 0; ei < events.length; ei++) {
      const e = events[ei]!;
      if (e.type.startsWith('ACTrack')) {
        out.push(e);
        continue;
      }
      if (e.time !== previousTick) {
        if (c.useRests && e.time - previousNoteEnd >= this.minRest(ticksPerBeat)) {
          previousTick = this.fillTime(previousNoteEnd, e.time, ticksPerBeat, true, (value, tick) => out.push(ev('Rest', value, tick)));
          bar.catchUp(previousTick, ticksPerBar);
        }
        addNewBars(e.time, e.type);
        if (e.type !== 'TimeSig' && !e.type.startsWith('ACBar')) out.push(ev('Position', Math.floor((e.time - bar.tickAtCurrentBar) / ticksPerPos), e.time));
        previousTick = e.time;
      }
      if (e.type === 'TimeSig') {
        bar.timeSignatureAt(e.time, ticksPerBar);
        ts = parseTimeSig(e.value);
        ticksPerBar = ticksPerBarOf({ numerator: ts[0], denominator: ts[1] }, tpq);
        ticksPerBeat = ticksPerBeatOf(ts[1], tpq);
        ticksPerPos = this.ticksPerPos(ticksPerBeat);
        previousTick -= 1;
      }
      out.push(e);
      const next = events[ei + 1];
      if (e.type.startsWith('ACBar') && next && !next.type.startsWith('ACBar') && e.time === next.time) {
        out.push(ev('Position', Math.floor((e.time - bar.tickAtCurrentBar) / ticksPerPos), e.time));
      }
      previousNoteEnd = previousNoteEndUpdate(e, previousNoteEnd);
    }
    if (previousNoteEnd > previousTick && c.additionalParams.add_trailing_bars) {
      addNewBars(previousNoteEnd, events.length > 0 ? events[events.length - 1]!.type : '');
    }
    return out;
  }

  /** MidiTok `REMI._tokens_to_score` over token strings (one list per sequence). */
  tokensToScore(seqs: readonly (readonly string[])[], programs?: readonly (readonly [number, boolean])[]): Score {
    const c = this.config;
    const score = createScore(this.timeDivision);
    const ctx = new DecodeContext(this, c.oneTokenStreamForPrograms);
    const { tempos, tss } = ctx;
    seqs.forEach((seq, si) => {
      if (si === 0) {
        if (c.useTimeSignatures) {
          for (const tok of seq) {
            const [type, val] = splitToken(tok);
            if (type === 'TimeSig') {
              const [n, d] = parseTimeSig(val);
              tss.push({ time: 0, numerator: n, denominator: d });
              break;
            }
            if (FIRST_TS_STOP.has(type)) break;
          }
        }
        if (tss.length === 0) tss.push({ time: 0, numerator: 4, denominator: 4 });
      }
      let curTs = tss[tss.length - 1]!;
      let ticksPerBar = ticksPerBarOf(curTs, score.tpq);
      let ticksPerBeat = this.tpbPerTs.get(curTs.denominator)!;
      let ticksPerPos = this.ticksPerPos(ticksPerBeat);
      let currentTick = 0;
      const bar = new BarClock();
      ctx.startSequence(seq, si, programs);
      for (let ti = 0; ti < seq.length; ti++) {
        const tok = seq[ti]!;
        const [type, val] = splitToken(tok);
        if (tok === 'Bar_None') {
          bar.currentBar += 1;
          if (bar.currentBar > 0) currentTick = bar.tickAtCurrentBar + ticksPerBar;
          bar.tickAtCurrentBar = currentTick;
        } else if (type === 'Rest') {
          currentTick = Math.max(ctx.previousNoteEnd, currentTick);
          currentTick += this.tpbRestsToTicks.get(ticksPerBeat)?.get(val) ?? 0;
          bar.catchUp(currentTick, ticksPerBar);
        } else if (type === 'Position') {
          if (bar.currentBar === -1) bar.currentBar = 0;
          currentTick = bar.tickAtCurrentBar + Number(val) * ticksPerPos;
        } else if (NOTE_TYPES.has(type)) {
          ctx.decodePitch(seq, ti, type, val, currentTick, ticksPerBeat);
        } else if (type === 'Program') {
          ctx.setProgram(Number(val));
        } else if (type === 'Tempo') {
          if (si === 0) tempos.push({ time: currentTick, qpm: Number(val) });
          ctx.previousNoteEnd = Math.max(ctx.previousNoteEnd, currentTick);
        } else if (type === 'TimeSig') {
          const [n, d] = parseTimeSig(val);
          if (n !== curTs.numerator || d !== curTs.denominator) {
            curTs = { time: currentTick, numerator: n, denominator: d };
            if (si === 0) tss.push(curTs);
            bar.timeSignatureAtCurrentBar();
            ticksPerBar = ticksPerBarOf(curTs, score.tpq);
            ticksPerBeat = this.tpbPerTs.get(d) ?? ticksPerBeat;
            ticksPerPos = this.ticksPerPos(ticksPerBeat);
          }
        } else ctx.decodeEffect(seq, ti, type, val, currentTick, ticksPerBeat);
      }
      ctx.endSequence(score.tracks);
    });
    return ctx.finishScore(score);
  }
}
