import { closestIndex } from '../numeric/closest.js';
import { createScore, type Score, type Track } from '../score/score.js';
import { DecodeContext, splitToken } from './decode-context.js';
import { ev, type Event } from './event.js';
import { MusicTokenizer, timeTupleString, type EncodeOutput } from './music-tokenizer.js';

/**
 * Structured: `TimeShift Pitch Velocity Duration` for every note (`TimeShift_0.0.1` for simultaneous notes), time
 * shifts snapped to the nearest duration value. Forces off chords, rests, tempos, time signatures, pedals, pitch
 * bends, pitch intervals and program changes.
 */
export class StructuredTokenizer extends MusicTokenizer {
  readonly tokenization: string = 'Structured';

  protected override tweakConfigBeforeCreatingVocab(): void {
    const c = this.config;
    c.useChords = false;
    c.useRests = false;
    c.useTempos = false;
    c.useTimeSignatures = false;
    c.useSustainPedals = false;
    c.usePitchBends = false;
    c.usePitchIntervals = false;
    c.programChanges = false;
    this.disableAttributeControls();
  }

  protected createBaseVocabulary(): string[] {
    const vocab: string[] = [];
    this.addNoteTokensToVocab(vocab);
    vocab.push('TimeShift_0.0.1');
    for (const d of this.durations) vocab.push(`TimeShift_${timeTupleString(d)}`);
    this.addAdditionalTokensToVocab(vocab);
    return vocab;
  }

  private timeShiftValue(ticks: number, tpb: number): string {
    if (ticks === 0) return '0.0.1';
    const arr = this.tpbToTimeArray.get(tpb)!;
    return this.tpbTicksToTokens.get(tpb)!.get(arr[closestIndex(arr, ticks)]!)!;
  }

  protected override createTrackEvents(track: Track): Event[] {
    const c = this.config;
    const program = track.isDrum ? -1 : track.program;
    const useDur = c.useNoteDurationPrograms.includes(program);
    const tpb = this.timeDivision;
    const events: Event[] = [];
    let previousTick = 0;
    const pitchName = track.isDrum && c.usePitchdrumTokens ? 'PitchDrum' : 'Pitch';
    for (const note of track.notes) {
      const end = note.time + note.duration;
      if (!c.oneTokenStreamForPrograms) events.push(ev('TimeShift', this.timeShiftValue(note.time - previousTick, tpb), note.time));
      if (c.usePrograms) events.push(ev('Program', program, note.time, program, end));
      events.push(ev(pitchName, note.pitch, note.time, program, end));
      if (c.useVelocities) events.push(ev('Velocity', note.velocity, note.time, program));
      if (useDur) events.push(ev('Duration', this.durationToken(note.duration, tpb), note.time, program));
      previousTick = note.time;
    }
    return events;
  }

  protected addTimeEvents(events: Event[], tpq: number): Event[] {
    const check = this.config.oneTokenStreamForPrograms ? new Set(['Program']) : new Set(['Pitch', 'PitchDrum']);
    const out: Event[] = [];
    let previousTick = 0;
    for (const e of events) {
      if (check.has(e.type)) {
        out.push(ev('TimeShift', this.timeShiftValue(e.time - previousTick, tpq), e.time));
        previousTick = e.time;
      }
      out.push(e);
    }
    return out;
  }

  protected override scoreToTokens(score: Score): EncodeOutput {
    const one = this.config.oneTokenStreamForPrograms;
    if (one) {
      let all: Event[] = [];
      for (const t of score.tracks) all.push(...this.createTrackEvents(t));
      if (score.tracks.length > 1) all = all.sort((a, b) => a.time - b.time);
      return this.completeSequence(this.addTimeEvents(all, score.tpq));
    }
    if (score.tracks.length === 0) return [this.completeSequence([])];
    return score.tracks.map((t) => this.completeSequence(this.createTrackEvents(t)));
  }

  /** MidiTok `Structured._tokens_to_score`. */
  tokensToScore(seqs: readonly (readonly string[])[], programs?: readonly (readonly [number, boolean])[]): Score {
    const c = this.config;
    const score = createScore(this.timeDivision);
    const ctx = new DecodeContext(this, c.oneTokenStreamForPrograms);
    const tpb = score.tpq;
    let currentTick = 0;
    seqs.forEach((seq, si) => {
      if (!ctx.one) currentTick = 0;
      const keepProgram = ctx.currentProgram;
      ctx.startSequence(seq, si, programs);
      if (ctx.one) ctx.setProgram(keepProgram);
      for (let ti = 0; ti < seq.length; ti++) {
        const [type, val] = splitToken(seq[ti]!);
        if (type === 'TimeShift' && val !== '0.0.1') currentTick += this.tpbTokensToTicks.get(tpb)?.get(val) ?? 0;
        else if (type === 'Pitch' || type === 'PitchDrum') ctx.decodeNote(seq, ti, Number(val), currentTick, tpb);
        else if (type === 'Program') ctx.setProgram(Number(val));
      }
      ctx.endSequence(score.tracks);
    });
    if (ctx.one) score.tracks = ctx.oneStreamTracks();
    return score;
  }
}
