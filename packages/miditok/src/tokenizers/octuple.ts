import { pyFloatRepr } from '../numeric/rounding.js';
import { clipScore } from '../score/clip.js';
import { createTrack, type Score, type Track } from '../score/score.js';
import { CompoundDecodeState, compoundQpm, parseTimeSig, programTrack, splitToken, streamProgram } from './decode-context.js';
import type { Event } from './event.js';
import { trackNameOf } from './instruments.js';
import { CompoundTokenizer } from './compound-tokenizer.js';
import { qpmToMspq, ticksPerBarOf, ticksPerBeatOf, timeTupleString, type EncodeOutput } from './music-tokenizer.js';
import { getBarsTicks } from './time-utils.js';

/**
 * Octuple: one compound token per note `[Pitch, Position, Bar, (Velocity), (Duration), (Program), (Tempo),
 * (TimeSig)]`. Files longer than `max_bar_embedding` bars (60) are clipped, with a warning in `warnings`.
 */
export class OctupleTokenizer extends CompoundTokenizer {
  readonly tokenization: string = 'Octuple';
  /** Warnings of the last encoding (MidiTok's Python warnings, e.g. bar clipping). */
  warnings: string[] = [];

  protected override tweakConfigBeforeCreatingVocab(): void {
    const c = this.config;
    c.useChords = false;
    c.useRests = false;
    c.useSustainPedals = false;
    c.usePitchBends = false;
    c.usePitchIntervals = false;
    c.deleteEqualSuccessiveTempoChanges = true;
    c.programChanges = false;
    if (c.programs.some((p) => !c.useNoteDurationPrograms.includes(p))) c.useNoteDurationPrograms = [...c.programs];
    if (!('max_bar_embedding' in c.additionalParams)) c.additionalParams.max_bar_embedding = 60;
    const types = ['Pitch', 'Position', 'Bar'];
    if (c.useVelocities) types.push('Velocity');
    if (c.usingNoteDurationTokens) types.push('Duration');
    if (c.usePrograms) types.push('Program');
    if (c.useTempos) types.push('Tempo');
    if (c.useTimeSignatures) types.push('TimeSig');
    this.vocabTypesIdx = Object.fromEntries(types.map((t, i) => [t, i]));
  }

  protected get maxBarEmbedding(): number {
    return Number(this.config.additionalParams.max_bar_embedding);
  }

  protected createBaseVocabulary(): string[][] {
    const c = this.config;
    const pitches: string[] = [];
    for (let p = c.pitchRange[0]; p <= c.pitchRange[1]; p++) pitches.push(`Pitch_${p}`);
    if (c.usePitchdrumTokens) for (let p = c.drumsPitchRange[0]; p <= c.drumsPitchRange[1]; p++) pitches.push(`PitchDrum_${p}`);
    const maxBeats = Math.max(...this.timeSignatures.map((t) => t[0]));
    const vocab: string[][] = [pitches, Array.from({ length: c.maxNumPosPerBeat * maxBeats }, (_, i) => `Position_${i}`), Array.from({ length: this.maxBarEmbedding }, (_, i) => `Bar_${i}`)];
    if (c.useVelocities) vocab.push(this.velocities.map((v) => `Velocity_${v}`));
    if (c.usingNoteDurationTokens) vocab.push(this.durations.map((d) => `Duration_${timeTupleString(d)}`));
    if (c.usePrograms) vocab.push(c.programs.map((p) => `Program_${p}`));
    if (c.useTempos) vocab.push(this.tempos.map((t) => `Tempo_${pyFloatRepr(t)}`));
    if (c.useTimeSignatures) vocab.push(this.timeSignatures.map(([n, d]) => `TimeSig_${n}/${d}`));
    return vocab;
  }

  /** MidiTok `Octuple._add_time_events` (compound tokens as strings). */
  protected compoundTimeEvents(events: Event[], tpq: number): string[][] {
    const c = this.config;
    const durOffset = this.durationOffset;
    const out: string[][] = [];
    let currentBar = 0;
    let barFromTs = 0;
    let tickFromTs = 0;
    let currentPos = 0;
    let previousTick = 0;
    let ts: [number, number] = [4, 4];
    let currentTempo = pyFloatRepr(this.defaultTempo);
    let currentProgram = '0';
    let ticksPerBar = ticksPerBarOf({ numerator: 4, denominator: 4 }, tpq);
    let ticksPerPos = Math.floor(ticksPerBeatOf(4, tpq) / c.maxNumPosPerBeat);
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      if (e.time !== previousTick) {
        const elapsed = e.time - tickFromTs;
        currentBar = barFromTs + Math.floor(elapsed / ticksPerBar);
        const tickAtBar = tickFromTs + (currentBar - barFromTs) * ticksPerBar;
        currentPos = Math.floor((e.time - tickAtBar) / ticksPerPos);
        previousTick = e.time;
      }
      if (e.type === 'TimeSig') {
        ts = parseTimeSig(e.value);
        barFromTs = currentBar;
        tickFromTs = previousTick;
        ticksPerBar = ticksPerBarOf({ numerator: ts[0], denominator: ts[1] }, tpq);
        ticksPerPos = Math.floor(ticksPerBeatOf(ts[1], tpq) / c.maxNumPosPerBeat);
      } else if (e.type === 'Tempo') currentTempo = e.value;
      else if (e.type === 'Program') currentProgram = e.value;
      else if ((e.type === 'Pitch' || e.type === 'PitchDrum') && i + durOffset < events.length) {
        const cp = [`${e.type}_${e.value}`, `Position_${currentPos}`, `Bar_${currentBar}`];
        if (c.useVelocities) cp.push(`Velocity_${events[i + 1]!.value}`);
        if (c.usingNoteDurationTokens) cp.push(`Duration_${events[i + durOffset]!.value}`);
        if (c.usePrograms) cp.push(`Program_${currentProgram}`);
        if (c.useTempos) cp.push(`Tempo_${currentTempo}`);
        if (c.useTimeSignatures) cp.push(`TimeSig_${ts[0]}/${ts[1]}`);
        out.push(cp);
      }
    }
    return out;
  }

  /** Clips to `max_bar_embedding` bars like MidiTok (with its warning). */
  protected clipToMaxBars(score: Score): Score {
    const bars = getBarsTicks(score, true);
    const max = this.maxBarEmbedding;
    if (max < bars.length) {
      this.warnings.push(
        `miditok: ${this.tokenization} cannot tokenize entirely this file as it contains ${bars.length} bars whereas the limit of the tokenizer is ${max}. It is therefore clipped to ${max} bars.`,
      );
      return clipScore(score, 0, bars[max]!);
    }
    return score;
  }

  protected override scoreToTokens(input: Score): EncodeOutput {
    this.warnings = [];
    return super.scoreToTokens(this.clipToMaxBars(input));
  }

  /** MidiTok `Octuple._tokens_to_score` (tick anchors are shared across sequences, as upstream). */
  tokensToScore(seqs: readonly (readonly (readonly string[])[])[], programs?: readonly (readonly [number, boolean])[]): Score {
    const c = this.config;
    const idx = this.vocabTypesIdx;
    const st = new CompoundDecodeState(this.timeDivision, c.oneTokenStreamForPrograms);
    const { score, tracks, tempos, tss, one } = st;
    let barAtLastTs = 0;
    let tickAtLastTs = 0;
    let currentProgram = 0;
    let currentTrack: Track | undefined;
    seqs.forEach((seq, si) => {
      if (si === 0 && c.useTimeSignatures) {
        const first = seq[0];
        const [n, d] = parseTimeSig(first ? splitToken(first[idx.TimeSig!]!)[1] : '4/4');
        tss.push({ time: 0, numerator: n, denominator: d });
      } else tss.push({ time: 0, numerator: 4, denominator: 4 });
      let curTs = tss[0]!;
      let ticksPerBar = ticksPerBarOf(curTs, score.tpq);
      let tpb = this.tpbPerTs.get(curTs.denominator)!;
      let ticksPerPos = Math.floor(tpb / c.maxNumPosPerBeat);
      if (!one) {
        let isDrum = false;
        if (programs) [currentProgram, isDrum] = streamProgram(programs, si);
        else if (c.usePrograms && seq.length > 0) {
          currentProgram = Number(splitToken(seq[0]![idx.Program!]!)[1]);
          if (currentProgram === -1) {
            isDrum = true;
            currentProgram = 0;
          }
        }
        currentTrack = createTrack(trackNameOf(currentProgram), currentProgram, isDrum);
      }
      for (const step of seq) {
        let nCheck = 3;
        if (c.useVelocities) nCheck++;
        if (c.usePrograms) {
          nCheck++;
          currentProgram = Number(splitToken(step[idx.Program!]!)[1]);
        }
        if (c.usingNoteDurationTokens) nCheck++;
        if (step.slice(0, nCheck).some((t) => splitToken(t)[1] === 'None')) continue;
        const pitch = Number(splitToken(step[0]!)[1]);
        const vel = c.useVelocities ? Number(splitToken(step[idx.Velocity!]!)[1]) : 100;
        const pos = Number(splitToken(step[1]!)[1]);
        const bar = Number(splitToken(step[2]!)[1]);
        const tick = tickAtLastTs + (bar - barAtLastTs) * ticksPerBar + pos * ticksPerPos;
        if (c.useTimeSignatures && splitToken(step[idx.TimeSig!]!)[1] !== 'None') {
          const [n, d] = parseTimeSig(splitToken(step[idx.TimeSig!]!)[1]);
          if (n !== curTs.numerator || d !== curTs.denominator) {
            tickAtLastTs += (bar - barAtLastTs) * ticksPerBar;
            curTs = { time: tickAtLastTs, numerator: n, denominator: d };
            if (si === 0) tss.push(curTs);
            barAtLastTs = bar;
            ticksPerBar = ticksPerBarOf(curTs, score.tpq);
            tpb = this.tpbPerTs.get(d)!;
            ticksPerPos = Math.floor(tpb / c.maxNumPosPerBeat);
          }
        }
        const dur = c.usingNoteDurationTokens ? this.tpbTokensToTicks.get(tpb)!.get(splitToken(step[idx.Duration!]!)[1])! : Math.trunc(c.defaultNoteDuration * tpb);
        const note = { time: tick, duration: dur, pitch, velocity: vel };
        if (one) {
          programTrack(tracks, currentProgram).notes.push(note);
        } else currentTrack!.notes.push(note);
        if (si === 0 && c.useTempos && splitToken(step[idx.Tempo!]!)[1] !== 'None') {
          const tempo = Number(splitToken(step[idx.Tempo!]!)[1]);
          if (tempo !== compoundQpm(tempos[tempos.length - 1]!)) tempos.push({ time: tick, mspq: qpmToMspq(tempo) });
        }
      }
      st.endSequence(currentTrack);
    });
    return st.finish(this.defaultTempo);
  }
}
