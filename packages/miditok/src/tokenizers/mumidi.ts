import { DataError } from '@mirkit/core';
import { pyFloatRepr, pyRound } from '../numeric/rounding.js';
import { createScore, createTrack, type Note, type Score, type Track } from '../score/score.js';
import { detectChords } from './chords.js';
import { splitToken } from './decode-context.js';
import { trackNameOf } from './instruments.js';
import { qpmToMspq, timeTupleString, type EncodeOutput } from './music-tokenizer.js';
import { OctupleTokenizer } from './octuple.js';
import { scoreTicksPerBeat } from './time-utils.js';

interface NoteStep {
  time: number;
  /** Track program (−1 for drums), MidiTok's `desc`. */
  program: number;
  head: string;
  rest: string[];
}

/**
 * MuMIDI: one stream of compound tokens `[Pitch|PitchDrum|Bar|Position|Program, BarPosEnc, PositionPosEnc,
 * (Tempo), (Velocity), (Duration)]`, notes sorted by (time, program), positions in 4/4 at the score's tpq.
 * Clips to `max_bar_embedding` bars like Octuple and needs a tempo in the score (as upstream).
 */
export class MumidiTokenizer extends OctupleTokenizer {
  override readonly tokenization: string = 'MuMIDI';

  protected override tweakConfigBeforeCreatingVocab(): void {
    const c = this.config;
    c.useRests = false;
    c.useTimeSignatures = false;
    c.useSustainPedals = false;
    c.usePitchBends = false;
    c.usePrograms = true;
    c.usePitchIntervals = true;
    c.oneTokenStreamForPrograms = true;
    c.programChanges = false;
    if (c.programs.some((p) => !c.useNoteDurationPrograms.includes(p))) c.useNoteDurationPrograms = [...c.programs];
    if (!('max_bar_embedding' in c.additionalParams)) c.additionalParams.max_bar_embedding = 60;
    this.vocabTypesIdx = { Pitch: 0, PitchDrum: 0, Position: 0, Bar: 0, Program: 0, BarPosEnc: 1, PositionPosEnc: 2 };
    if (c.useVelocities) this.vocabTypesIdx.Velocity = -1;
    if (c.usingNoteDurationTokens) {
      this.vocabTypesIdx.Duration = -1;
      if (c.useVelocities) this.vocabTypesIdx.Velocity = -2;
    }
    if (c.useTempos) this.vocabTypesIdx.Tempo = -3;
  }

  protected override createBaseVocabulary(): string[][] {
    const c = this.config;
    const v0: string[] = [];
    for (let p = c.pitchRange[0]; p <= c.pitchRange[1]; p++) v0.push(`Pitch_${p}`);
    for (let p = c.drumsPitchRange[0]; p <= c.drumsPitchRange[1]; p++) v0.push(`PitchDrum_${p}`);
    v0.push('Bar_None');
    const maxBeats = Math.max(...this.timeSignatures.map((t) => t[0]));
    const nPos = c.maxNumPosPerBeat * maxBeats;
    for (let i = 0; i < nPos; i++) v0.push(`Position_${i}`);
    for (const p of c.programs) v0.push(`Program_${p}`);
    const v1 = Array.from({ length: this.maxBarEmbedding }, (_, i) => `BarPosEnc_${i}`);
    const v2 = ['PositionPosEnc_None', ...Array.from({ length: nPos }, (_, i) => `PositionPosEnc_${i}`)];
    if (c.useChords) v0.push(...this.chordTokens());
    const vocab = [v0, v1, v2];
    if (c.useTempos) vocab.push(this.tempos.map((t) => `Tempo_${pyFloatRepr(t)}`));
    if (c.useVelocities) vocab.push(this.velocities.map((v) => `Velocity_${v}`));
    if (c.usingNoteDurationTokens) vocab.push(this.durations.map((d) => `Duration_${timeTupleString(d)}`));
    return vocab;
  }

  private trackSteps(track: Track, ticksPerBeat: [number, number][] | undefined): NoteStep[] {
    const c = this.config;
    const tpb = this.timeDivision;
    const program = track.isDrum ? -1 : track.program;
    let steps: NoteStep[] = track.notes.map((n) => {
      const rest: string[] = [];
      if (c.useVelocities) rest.push(`Velocity_${n.velocity}`);
      if (c.usingNoteDurationTokens) rest.push(`Duration_${this.durationToken(n.duration, tpb)}`);
      return { time: n.time, program, head: `${track.isDrum ? 'PitchDrum' : 'Pitch'}_${n.pitch}`, rest };
    });
    if (c.useChords && !track.isDrum && ticksPerBeat) {
      const chords = detectChords(track.notes, ticksPerBeat, c.chordMaps, c.chordTokensWithRootNote, this.firstBeatRes, c.chordUnknown);
      steps = [...chords.map((ch) => ({ time: ch.time, program: track.program, head: `Chord_${ch.value}`, rest: [] })), ...steps];
    }
    return steps;
  }

  protected override scoreToTokens(input: Score): EncodeOutput {
    this.warnings = [];
    const score = this.clipToMaxBars(input);
    const c = this.config;
    const tpbRows = c.useChords ? scoreTicksPerBeat(score) : undefined;
    let steps: NoteStep[] = [];
    for (const t of score.tracks) if (c.programs.includes(t.program)) steps.push(...this.trackSteps(t, tpbRows));
    steps = steps.sort((a, b) => a.time - b.time || a.program - b.program);
    const ticksPerSample = score.tpq / c.maxNumPosPerBeat;
    const ticksPerBar = score.tpq * 4;
    const tokens: string[][] = [];
    let currentTick = -1;
    let currentBar = -1;
    let currentPos = -1;
    let currentTrack = -2;
    let tempoIdx = 0;
    const first = score.tempos[0];
    if (first === undefined) throw new DataError('ERR_INDEX_OUT_OF_RANGE', 'MuMIDI needs at least one tempo in the score (MidiTok raises IndexError)');
    let currentTempo = pyFloatRepr(pyRound(60_000_000 / first.mspq, 2));
    for (const step of steps) {
      if (c.useTempos && tempoIdx + 1 < score.tempos.length) {
        for (const tc of score.tempos.slice(tempoIdx + 1)) {
          if (tc.time <= step.time) {
            currentTempo = pyFloatRepr(pyRound(60_000_000 / tc.mspq, 2));
            tempoIdx++;
          } else break;
        }
      }
      const withTempo = (t: string[]): string[] => (c.useTempos ? [...t, `Tempo_${currentTempo}`] : t);
      if (step.time !== currentTick) {
        const pos = Math.trunc((step.time % ticksPerBar) / ticksPerSample);
        currentTick = step.time;
        currentPos = pos;
        currentTrack = -2;
        const bar = Math.floor(currentTick / ticksPerBar);
        if (currentBar < bar) {
          const n = bar - currentBar;
          for (let i = 0; i < n; i++) tokens.push(withTempo(['Bar_None', `BarPosEnc_${currentBar + i + 1}`, 'PositionPosEnc_None']));
          currentBar += n;
        }
        tokens.push(withTempo([`Position_${currentPos}`, `BarPosEnc_${currentBar}`, `PositionPosEnc_${currentPos}`]));
      }
      if (step.program !== currentTrack) {
        currentTrack = step.program;
        tokens.push(withTempo([`Program_${currentTrack}`, `BarPosEnc_${currentBar}`, `PositionPosEnc_${currentPos}`]));
      }
      const tok = [step.head, `BarPosEnc_${currentBar}`, `PositionPosEnc_${currentPos}`];
      if (c.useTempos) tok.push(`Tempo_${currentTempo}`);
      tokens.push([...tok, ...step.rest]);
    }
    return this.completeCompoundSequence(tokens);
  }

  override decode(ids: readonly number[] | readonly (readonly number[])[] | readonly (readonly (readonly number[])[])[]): Score {
    if (ids.length === 0) throw new DataError('ERR_INDEX_OUT_OF_RANGE', 'MuMIDI cannot decode an empty sequence (MidiTok raises AttributeError)');
    return this.finalizeDecodedScore(this.mumidiTokensToScore(this.compoundIdsToTokens(ids as readonly (readonly number[])[])));
  }

  /** MidiTok `MuMIDI._tokens_to_score` (positions are added as raw ticks, as upstream). */
  mumidiTokensToScore(tokens: readonly (readonly string[])[]): Score {
    const c = this.config;
    const score = createScore(this.timeDivision);
    const firstTempo = c.useTempos && tokens.length > 0 ? Number(splitToken(tokens[0]![3]!)[1]) : this.defaultTempo;
    score.tempos.push({ time: 0, mspq: qpmToMspq(firstTempo) });
    let lastQpm = firstTempo;
    const tracks = new Map<string, Note[]>();
    let currentTick = 0;
    let currentBar = -1;
    let currentTrack = '0';
    const tpb = score.tpq;
    const velIdx = this.vocabTypesIdx.Velocity;
    for (const step of tokens) {
      const [type, val] = splitToken(step[0]!);
      if (type === 'Bar') {
        currentBar += 1;
        currentTick = currentBar * tpb * 4;
      } else if (type === 'Position') {
        if (currentBar === -1) currentBar = 0;
        currentTick = currentBar * tpb * 4 + Number(val);
      } else if (type === 'Program') {
        currentTrack = val;
        if (!tracks.has(currentTrack)) tracks.set(currentTrack, []);
      } else if (type === 'Pitch' || type === 'PitchDrum') {
        const vel = c.useVelocities ? splitToken(step[step.length + velIdx!]!)[1] : '100';
        const dur = c.usingNoteDurationTokens ? splitToken(step[step.length - 1]!)[1] : String(Math.trunc(c.defaultNoteDuration * tpb));
        if (vel === 'None' || dur === 'None') continue;
        const duration = c.usingNoteDurationTokens ? this.tpbTokensToTicks.get(tpb)!.get(dur)! : Number(dur);
        let list = tracks.get(currentTrack);
        if (!list) {
          // MidiTok raises KeyError here (a note before any Program token)
          throw new DataError('ERR_DATASET_ITEM', `MuMIDI note before any Program token (track '${currentTrack}')`);
        }
        list.push({ time: currentTick, duration, pitch: Number(val), velocity: Number(vel) });
        list = undefined;
      }
      if (c.useTempos) {
        const q = Number(splitToken(step[3]!)[1]);
        if (q !== lastQpm) {
          score.tempos.push({ time: currentTick, mspq: qpmToMspq(q) });
          lastQpm = q;
        }
      }
    }
    for (const [program, notes] of tracks) {
      const p = Number(program);
      const t = p === -1 ? createTrack('Drums', 0, true) : createTrack(trackNameOf(p), p, false);
      t.notes = notes;
      score.tracks.push(t);
    }
    return score;
  }
}
