import type { Event } from './event.js';

/** A token sequence (`miditok.TokSequence`): tokens and ids (one list per token, or per sub-vocabulary). */
export interface TokSequence<T = string, I = number> {
  tokens: T[];
  ids: I[];
  /** The events the tokens were made from (encoding only). */
  events?: Event[] | Event[][];
  /** True when `ids` are encoded with a trained BPE/Unigram/WordPiece model. */
  areIdsEncoded?: boolean;
  /** Ticks of bars and beats of the preprocessed score (for bar/beat splitting). */
  ticksBars?: number[];
  ticksBeats?: number[];
}
