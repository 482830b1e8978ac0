import { createTrack, type Score, type Track } from '../score/score.js';
import { pyFloatRepr } from '../numeric/rounding.js';
import { BarClock } from './bar-clock.js';
import { CompoundDecodeState, compoundQpm, parseTimeSig, programTrack, splitToken, streamProgram } from './decode-context.js';
import type { Event } from './event.js';
import { trackNameOf } from './instruments.js';
import { CompoundTokenizer } from './compound-tokenizer.js';
import { qpmToMspq, ticksPerBarOf, ticksPerBeatOf, timeTupleString } from './music-tokenizer.js';

/**
 * CPWord (Compound Word): compound tokens `[Family, Bar|Position, Pitch, (Velocity), (Duration), (Program), (Chord),
 * (Rest), (Tempo), (TimeSig)]`, `Ignore_None` in unused slots; one sub-vocabulary per slot.
 */
export class CpWordTokenizer extends CompoundTokenizer {
  readonly tokenization: string = 'CPWord';

  protected override tweakConfigBeforeCreatingVocab(): void {
    const c = this.config;
    if (c.programs.some((p) => !c.useNoteDurationPrograms.includes(p))) c.useNoteDurationPrograms = [...c.programs];
    c.useSustainPedals = false;
    c.usePitchBends = false;
    c.usePitchIntervals = false;
    c.programChanges = false;
    const types = ['Family', 'Position', 'Pitch'];
    if (c.useVelocities) types.push('Velocity');
    if (c.usingNoteDurationTokens) types.push('Duration');
    if (c.usePrograms) types.push('Program');
    if (c.useChords) types.push('Chord');
    if (c.useRests) types.push('Rest');
    if (c.useTempos) types.push('Tempo');
    if (c.useTimeSignatures) types.push('TimeSig');
    this.vocabTypesIdx = Object.fromEntries(types.map((t, i) => [t, i]));
    this.vocabTypesIdx.Bar = 1;
  }

  protected createBaseVocabulary(): string[][] {
    const c = this.config;
    const maxBeats = Math.max(...this.timeSignatures.map((t) => t[0]));
    const nPos = c.maxNumPosPerBeat * maxBeats;
    const vocab: string[][] = [['Family_Metric', 'Family_Note']];
    vocab.push(['Ignore_None', 'Bar_None', ...Array.from({ length: nPos }, (_, i) => `Position_${i}`)]);
    const pitches = ['Ignore_None'];
    for (let p = c.pitchRange[0]; p <= c.pitchRange[1]; p++) pitches.push(`Pitch_${p}`);
    if (c.usePitchdrumTokens) for (let p = c.drumsPitchRange[0]; p <= c.drumsPitchRange[1]; p++) pitches.push(`PitchDrum_${p}`);
    vocab.push(pitches);
    if (c.useVelocities) vocab.push(['Ignore_None', ...this.velocities.map((v) => `Velocity_${v}`)]);
    if (c.usingNoteDurationTokens) vocab.push(['Ignore_None', ...this.durations.map((d) => `Duration_${timeTupleString(d)}`)]);
    if (c.usePrograms) vocab.push(['Ignore_None', ...c.programs.map((p) => `Program_${p}`)]);
    if (c.useChords) vocab.push(['Ignore_None', ...this.chordTokens()]);
    if (c.useRests) vocab.push(['Ignore_None', ...this.rests.map((r) => `Rest_${timeTupleString(r)}`)]);
    if (c.useTempos) vocab.push(['Ignore_None', ...this.tempos.map((t) => `Tempo_${pyFloatRepr(t)}`)]);
    if (c.useTimeSignatures) vocab.push(['Ignore_None', ...this.timeSignatures.map(([n, d]) => `TimeSig_${n}/${d}`)]);
    return vocab;
  }

  private cpToken(opts: { bar?: boolean; pos?: number; pitch?: string; vel?: string; dur?: string; chord?: string; rest?: string; tempo?: string; timeSig?: string; program?: string; pitchDrum?: boolean }): string[] {
    const c = this.config;
    const idx = this.vocabTypesIdx;
    let n = 3;
    for (const on of [c.useVelocities, c.usingNoteDurationTokens, c.usePrograms, c.useChords, c.useRests, c.useTempos, c.useTimeSignatures]) if (on) n++;
    const cp = new Array<string>(n).fill('Ignore_None');
    cp[0] = 'Family_Metric';
    if (opts.bar) {
      cp[1] = 'Bar_None';
      if (opts.timeSig !== undefined) cp[idx.TimeSig!] = `TimeSig_${opts.timeSig}`;
    } else if (opts.pos !== undefined) {
      cp[1] = `Position_${opts.pos}`;
      if (opts.chord !== undefined) cp[idx.Chord!] = `Chord_${opts.chord}`;
      if (opts.tempo !== undefined) cp[idx.Tempo!] = `Tempo_${opts.tempo}`;
    } else if (opts.rest !== undefined) {
      cp[idx.Rest!] = `Rest_${opts.rest}`;
    } else if (opts.pitch !== undefined) {
      cp[0] = 'Family_Note';
      cp[2] = `${opts.pitchDrum ? 'PitchDrum' : 'Pitch'}_${opts.pitch}`;
      if (c.useVelocities) cp[3] = `Velocity_${opts.vel}`;
      if (opts.dur) cp[idx.Duration!] = `Duration_${opts.dur}`;
      if (opts.program !== undefined) cp[idx.Program!] = `Program_${opts.program}`;
    }
    return cp;
  }

  /** MidiTok `CPWord._add_time_events`: returns compound tokens (as strings). */
  protected compoundTimeEvents(events: Event[], tpq: number): string[][] {
    const c = this.config;
    const durOffset = this.durationOffset;
    const out: string[][] = [];
    const bar = new BarClock();
    let previousTick = -1;
    let previousNoteEnd = 0;
    let ts: [number, number] = [4, 4];
    let currentTempo = pyFloatRepr(this.defaultTempo);
    let currentProgram: string | undefined;
    let ticksPerBar = ticksPerBarOf({ numerator: 4, denominator: 4 }, tpq);
    let ticksPerBeat = ticksPerBeatOf(4, tpq);
    let ticksPerPos = Math.floor(ticksPerBeat / c.maxNumPosPerBeat);
    const setTs = (v: string): void => {
      ts = parseTimeSig(v);
      ticksPerBar = ticksPerBarOf({ numerator: ts[0], denominator: ts[1] }, tpq);
      ticksPerBeat = ticksPerBeatOf(ts[1], tpq);
      ticksPerPos = Math.floor(ticksPerBeat / c.maxNumPosPerBeat);
    };
    if (c.useTimeSignatures) {
      const first = events.find((e) => e.type === 'TimeSig');
      if (first) setTs(first.value);
    }
    if (c.useTempos) {
      for (const e of events) {
        if (e.type === 'Tempo') {
          currentTempo = e.value;
          break;
        }
        if (['Pitch', 'PitchDrum', 'Velocity', 'Duration', 'PitchBend', 'Pedal'].includes(e.type)) break;
      }
    }
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      if (e.type === 'Tempo') currentTempo = e.value;
      else if (e.type === 'Program') {
        currentProgram = e.value;
        continue;
      }
      if (e.time !== previousTick) {
        if (c.useRests && e.time - previousNoteEnd >= this.minRest(ticksPerBeat)) {
          previousTick = this.fillTime(previousNoteEnd, e.time, ticksPerBeat, true, (rest) => out.push(this.cpToken({ rest })));
          bar.catchUp(previousTick, ticksPerBar);
        }
        const nNew = bar.barAt(e.time, ticksPerBar) - bar.currentBar;
        if (nNew >= 1) {
          let tsArg = c.useTimeSignatures ? `${ts[0]}/${ts[1]}` : undefined;
          for (let k = 0; k < nNew; k++) {
            if (k === nNew - 1 && e.type === 'TimeSig') {
              const [n, d] = parseTimeSig(e.value);
              tsArg = `${n}/${d}`;
            }
            out.push(this.cpToken(tsArg === undefined ? { bar: true } : { bar: true, timeSig: tsArg }));
          }
          bar.currentBar += nNew;
          bar.tickAtCurrentBar = bar.barTick(bar.currentBar, ticksPerBar);
        }
        if (e.type !== 'TimeSig') {
          const pos = Math.floor((e.time - bar.tickAtCurrentBar) / ticksPerPos);
          const opts: { pos: number; chord?: string; tempo?: string } = { pos };
          if (e.type === 'Chord') opts.chord = e.value;
          if (c.useTempos) opts.tempo = currentTempo;
          out.push(this.cpToken(opts));
        }
        previousTick = e.time;
      }
      if (e.type === 'TimeSig') {
        bar.timeSignatureAt(e.time, ticksPerBar);
        setTs(e.value);
        previousTick -= 1;
      }
      if ((e.type === 'Pitch' || e.type === 'PitchDrum') && i + durOffset < events.length) {
        const opts: { pitch: string; vel?: string; dur?: string; program?: string; pitchDrum: boolean } = { pitch: e.value, pitchDrum: e.type === 'PitchDrum' };
        if (c.useVelocities) opts.vel = events[i + 1]!.value;
        if (c.usingNoteDurationTokens) opts.dur = events[i + durOffset]!.value;
        if (currentProgram !== undefined) opts.program = currentProgram;
        out.push(this.cpToken(opts));
        previousNoteEnd = Math.max(previousNoteEnd, e.desc);
      } else if (['Program', 'Tempo', 'TimeSig', 'Chord'].includes(e.type)) {
        previousNoteEnd = Math.max(previousNoteEnd, e.time);
      }
    }
    return out;
  }

  /** MidiTok `CPWord._tokens_to_score`. */
  tokensToScore(seqs: readonly (readonly (readonly string[])[])[], programs?: readonly (readonly [number, boolean])[]): Score {
    const c = this.config;
    const idx = this.vocabTypesIdx;
    const st = new CompoundDecodeState(this.timeDivision, c.oneTokenStreamForPrograms);
    const { score, tracks, tempos, tss, one } = st;
    let currentTick = 0;
    let bar = new BarClock();
    let currentProgram = 0;
    let currentTrack: Track | undefined;
    let previousNoteEnd = 0;
    seqs.forEach((seq, si) => {
      if (si === 0) {
        if (c.useTimeSignatures) {
          for (const cp of seq) {
            const fam = splitToken(cp[0]!)[1];
            if (fam !== 'Metric') break;
            if (splitToken(cp[1]!)[0] === 'Bar') {
              const [n, d] = parseTimeSig(splitToken(cp[idx.TimeSig!]!)[1]);
              tss.push({ time: 0, numerator: n, denominator: d });
              break;
            }
          }
        }
        if (tss.length === 0) tss.push({ time: 0, numerator: 4, denominator: 4 });
      }
      let curTs = tss[0]!;
      let ticksPerBar = ticksPerBarOf(curTs, score.tpq);
      let tpb = this.tpbPerTs.get(curTs.denominator)!;
      let ticksPerPos = Math.floor(tpb / c.maxNumPosPerBeat);
      if (!one) {
        currentTick = 0;
        bar = new BarClock();
        previousNoteEnd = 0;
        let isDrum = false;
        if (programs) [currentProgram, isDrum] = streamProgram(programs, si);
        else if (c.usePrograms) {
          for (const cp of seq) {
            if (splitToken(cp[0]!)[1] === 'Note') {
              currentProgram = Number(splitToken(cp[idx.Program!]!)[1]);
              if (currentProgram === -1) {
                isDrum = true;
                currentProgram = 0;
              }
              break;
            }
          }
        }
        currentTrack = createTrack(trackNameOf(currentProgram), currentProgram, isDrum);
      }
      for (const cp of seq) {
        const fam = splitToken(cp[0]!)[1];
        if (fam === 'Note') {
          let pad = 3;
          if (c.useVelocities) pad++;
          if (c.usingNoteDurationTokens) pad++;
          if (c.usePrograms) pad++;
          if (cp.slice(2, pad).some((t) => splitToken(t)[1] === 'None')) continue;
          const pitch = Number(splitToken(cp[2]!)[1]);
          const vel = c.useVelocities ? Number(splitToken(cp[3]!)[1]) : 100;
          const dur = c.usingNoteDurationTokens ? this.tpbTokensToTicks.get(tpb)!.get(splitToken(cp[idx.Duration!]!)[1])! : Math.trunc(c.defaultNoteDuration * tpb);
          const note = { time: currentTick, duration: dur, pitch, velocity: vel };
          if (one && c.usePrograms) {
            currentProgram = Number(splitToken(cp[idx.Program!]!)[1]);
            programTrack(tracks, currentProgram).notes.push(note);
          } else currentTrack!.notes.push(note);
          previousNoteEnd = Math.max(previousNoteEnd, currentTick + dur);
        } else if (fam === 'Metric') {
          const barPos = splitToken(cp[1]!)[0];
          if (barPos === 'Bar') {
            bar.currentBar += 1;
            if (bar.currentBar > 0) currentTick = bar.tickAtCurrentBar + ticksPerBar;
            bar.tickAtCurrentBar = currentTick;
            if (c.useTimeSignatures) {
              const [n, d] = parseTimeSig(splitToken(cp[idx.TimeSig!]!)[1]);
              if (n !== curTs.numerator || d !== curTs.denominator) {
                curTs = { time: currentTick, numerator: n, denominator: d };
                if (si === 0) tss.push(curTs);
                bar.timeSignatureAtCurrentBar();
                ticksPerBar = ticksPerBarOf(curTs, score.tpq);
                tpb = this.tpbPerTs.get(d)!;
                ticksPerPos = Math.floor(tpb / c.maxNumPosPerBeat);
              }
            }
          } else if (barPos === 'Position') {
            if (bar.currentBar === -1) bar.currentBar = 0;
            currentTick = bar.tickAtCurrentBar + Number(splitToken(cp[1]!)[1]) * ticksPerPos;
            if (c.useTempos && si === 0) {
              const tempo = Number(splitToken(cp[idx.Tempo!]!)[1]);
              const last = tempos[tempos.length - 1]!;
              if (tempo !== compoundQpm(last) && currentTick !== last.time) tempos.push({ time: currentTick, mspq: qpmToMspq(tempo) });
            }
          } else if (c.useRests && splitToken(cp[idx.Rest!]!)[1] !== 'None') {
            currentTick = Math.max(previousNoteEnd, currentTick);
            currentTick += this.tpbRestsToTicks.get(tpb)!.get(splitToken(cp[idx.Rest!]!)[1])!;
            bar.catchUp(currentTick, ticksPerBar);
          }
          previousNoteEnd = Math.max(previousNoteEnd, currentTick);
        }
      }
      st.endSequence(currentTrack);
    });
    return st.finish(this.defaultTempo);
  }
}

