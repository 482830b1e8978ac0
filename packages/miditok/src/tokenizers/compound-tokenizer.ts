import type { Score } from '../score/score.js';
import type { Event } from './event.js';
import { MusicTokenizer, type EncodeOutput } from './music-tokenizer.js';

/**
 * Base of the compound-token tokenizers that use MidiTok's generic `_score_to_tokens` (CPWord, Octuple and so
 * MuMIDI): one sub-vocabulary per token slot (`vocabTypesIdx`), time and note events made into compound tokens
 * by {@link compoundTimeEvents}.
 */
export abstract class CompoundTokenizer extends MusicTokenizer {
  declare vocabTypesIdx: Record<string, number>;

  /** The tokenizer's `_add_time_events`: compound tokens (as strings) of a stream's sorted events. */
  protected abstract compoundTimeEvents(events: Event[], tpq: number): string[][];

  /** Position of a note's `Duration` event after its `Pitch` event in the sorted events (after `Velocity`). */
  protected get durationOffset(): number {
    return (this.config.useVelocities ? 1 : 0) + (this.config.usingNoteDurationTokens ? 1 : 0);
  }

  /** Unused: compound tokenizers make their time tokens in {@link compoundTimeEvents}. */
  protected addTimeEvents(): Event[] {
    return [];
  }

  /**
   * MidiTok's `_score_to_tokens` for compound tokens: the global and track events of each stream, sorted, made
   * into compound tokens by {@link compoundTimeEvents}. No attribute controls, as upstream.
   */
  protected override scoreToTokens(score: Score): EncodeOutput {
    const one = this.config.oneTokenStreamForPrograms;
    const globals = this.createGlobalEvents(score);
    const tpb = this.ticksPerBeatForEvents(score);
    const lists: Event[][] = one || score.tracks.length === 0 ? [[...globals]] : score.tracks.map(() => [...globals]);
    score.tracks.forEach((t, ti) => {
      const te = this.createTrackEvents(t, tpb, score.tpq);
      if (one) lists[0]!.push(...te);
      else {
        lists[ti]!.push(...te);
        this.sortEvents(lists[ti]!);
      }
    });
    if (one) this.sortEvents(lists[0]!);
    else if (score.tracks.length === 0 && lists[0]!.length > 2) this.sortEvents(lists[0]!);
    const seqs = lists.map((l) => this.completeCompoundSequence(this.compoundTimeEvents(l, score.tpq)));
    return one ? seqs[0]! : seqs;
  }
}
