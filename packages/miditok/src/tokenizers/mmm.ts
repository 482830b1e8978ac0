import { ConfigError, DataError } from '@mirkit/core';
import type { TokenizerConfig, TokenizerConfigOptions } from '../config/tokenizer-config.js';
import type { Score } from '../score/score.js';
import { ev, type Event } from './event.js';
import { MidiLikeTokenizer } from './midi-like.js';
import { MusicTokenizer, type EncodeOutput } from './music-tokenizer.js';
import { RemiTokenizer } from './remi.js';
import type { TokSequence } from './tok-sequence.js';
import { TsdTokenizer } from './tsd.js';

type BaseTokenizer = RemiTokenizer | TsdTokenizer | MidiLikeTokenizer;

/**
 * MMM (Multi-Track Music Machine): each track tokenized by a base tokenizer (REMI, TSD or MIDILike, from
 * `additionalParams.base_tokenizer`), wrapped in `Track_Start Program_p … Track_End` and concatenated into one
 * sequence. `Track_Start` / `Track_End` are special tokens (ids 4 and 5 by default).
 */
export class MmmTokenizer extends MusicTokenizer {
  readonly tokenization: string = 'MMM';
  declare base: BaseTokenizer;

  constructor(config: TokenizerConfig | TokenizerConfigOptions = {}) {
    super(config);
    this.oneTokenStream = true;
  }

  protected override tweakConfigBeforeCreatingVocab(): void {
    const c = this.config;
    c.usePrograms = true;
    c.programChanges = true;
    c.oneTokenStreamForPrograms = false;
    const name = c.additionalParams.base_tokenizer;
    if (name === undefined) {
      throw new ConfigError('ERR_INVALID_OPTION', "MMM needs additionalParams.base_tokenizer ('REMI', 'TSD' or 'MIDILike')");
    }
    for (const t of ['Track_Start', 'Track_End']) if (!c.specialTokens.includes(t)) c.specialTokens.push(t);
    const baseConfig = c.copy();
    if (name === 'REMI') this.base = new RemiTokenizer(baseConfig);
    else if (name === 'TSD') this.base = new TsdTokenizer(baseConfig);
    else if (name === 'MIDILike') this.base = new MidiLikeTokenizer(baseConfig);
    else throw new ConfigError('ERR_INVALID_OPTION', `additionalParams.base_tokenizer should be 'REMI', 'TSD' or 'MIDILike', but got ${String(name)}`);
    this.base.config.usePrograms = true;
    this.noteOnOff = name === 'MIDILike';
  }

  protected createBaseVocabulary(): string[] {
    return (this.base as unknown as { createBaseVocabulary(): string[] }).createBaseVocabulary();
  }

  protected override sortEvents(events: Event[]): void {
    (this.base as unknown as { sortEvents(e: Event[]): void }).sortEvents(events);
  }

  protected addTimeEvents(events: Event[], tpq: number): Event[] {
    const track = events.length < 2 ? [...events] : (this.base as unknown as { addTimeEvents(e: Event[], t: number): Event[] }).addTimeEvents(events, tpq);
    const last = track[track.length - 1];
    if (last === undefined) throw new DataError('ERR_INDEX_OUT_OF_RANGE', 'MMM cannot encode a track without events (MidiTok raises IndexError)');
    return [ev('Track', 'Start', 0), ...track, ev('Track', 'End', last.time + 1)];
  }

  protected override scoreToTokens(score: Score): EncodeOutput {
    const seqs = super.scoreToTokens(score) as TokSequence[];
    return {
      tokens: seqs.flatMap((s) => s.tokens),
      ids: seqs.flatMap((s) => s.ids),
      events: seqs.flatMap((s) => s.events as Event[]),
    };
  }

  /** MidiTok `MMM.encode_token_ids`: words are cut per track first (keeping the track tokens), then per bar / beat. */
  override async encodeTokenIds(seqs: EncodeOutput): Promise<void> {
    if (!this.model) return;
    for (const seq of (Array.isArray(seqs) ? seqs : [seqs]) as TokSequence[]) {
      if (seq.areIdsEncoded) continue;
      const events = (seq.events ?? []) as Event[];
      const starts: number[] = [];
      seq.tokens.forEach((t, i) => t === 'Track_Start' && starts.push(i));
      if (starts.length === 0 || this.config.encodeIdsSplit === 'no') {
        await super.encodeTokenIds(seq);
        continue;
      }
      const words: string[] = [];
      starts.forEach((s, i) => {
        const end = starts[i + 1] ?? seq.ids.length;
        const part: TokSequence = { tokens: seq.tokens.slice(s, end), ids: seq.ids.slice(s, end), events: events.slice(s, end) };
        if (seq.ticksBars) part.ticksBars = seq.ticksBars;
        if (seq.ticksBeats) part.ticksBeats = seq.ticksBeats;
        for (const w of this.splitWords(part)) words.push(this.idsToBytes(w));
      });
      seq.ids = await this.model.encodeWords(words);
      seq.areIdsEncoded = true;
    }
  }

  /** Splits a concatenated sequence per track at `Track_Start` (MidiTok `split_tokseq_per_track`). */
  splitPerTrack(tokens: readonly string[], keepTrackTokens = false): string[][] {
    const starts: number[] = [];
    tokens.forEach((t, i) => t === 'Track_Start' && starts.push(i));
    if (starts.length === 0) return [[...tokens]];
    return starts.map((s, i) => {
      const next = starts[i + 1];
      const end = next === undefined ? tokens.length : keepTrackTokens ? next : next - 1;
      return tokens.slice(keepTrackTokens ? s : s + 1, end);
    });
  }

  override decode(ids: readonly number[] | readonly (readonly number[])[]): Score {
    return this.finalizeDecodedScore(this.tokensToScore(this.splitPerTrack(this.idsToTokens(ids as readonly number[]))));
  }

  /** The base tokenizer's `_tokens_to_score` over the per-track sequences. */
  tokensToScore(seqs: readonly (readonly string[])[]): Score {
    return this.base.tokensToScore(seqs);
  }
}
