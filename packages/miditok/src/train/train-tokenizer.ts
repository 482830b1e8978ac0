import { ConfigError } from '@mirkit/core';
import { readMidi } from '../score/parse-midi.js';
import type { Score } from '../score/score.js';
import type { MusicTokenizer } from '../tokenizers/music-tokenizer.js';
import type { TokSequence } from '../tokenizers/tok-sequence.js';
import { trainBpe } from './bpe-trainer.js';
import { bpeModelJson, unigramModelJson, wordPieceModelJson } from './hf-model-json.js';
import { trainUnigram } from './unigram-trainer.js';
import { trainWordPiece } from './wordpiece-trainer.js';

export { bpeModelJson } from './hf-model-json.js';

/** The models MidiTok trains (Hugging Face `tokenizers` model names). */
export type TrainModelName = 'BPE' | 'Unigram' | 'WordPiece';

const MODELS: readonly TrainModelName[] = ['BPE', 'Unigram', 'WordPiece'];

/** MidiTok's suffix of the base tokens it adds for the Unigram special tokens (`PAD_None-unigram` …). */
const UNIGRAM_SUFFIX = '-unigram';

/** Options of {@link trainTokenizer}. */
export interface TrainTokenizerOptions {
  /** Size of the learned vocabulary (`len(tokenizer)` once trained); must exceed the base vocabulary. */
  vocabSize: number;
  /** The model to learn; default: the loaded model's type when retraining a trained tokenizer, otherwise `'BPE'`. */
  model?: TrainModelName;
  /** MIDI files to learn from (or pass `scores`). */
  files?: readonly string[];
  scores?: readonly Score[];
  onFile?: (done: number, total: number) => void;
  /** Unigram: longest seed piece in base tokens (HF's default 16, what a fresh MidiTok training uses). */
  maxPieceLength?: number;
  /** Unigram: share of pieces kept by each pruning step (0.75). */
  shrinkingFactor?: number;
  /** Unigram: EM iterations between two pruning steps (2). */
  nSubIterations?: number;
  /** WordPiece: words longer than this (in base tokens, `▁` included) encode to the unknown token (MidiTok: 100 for beat split, 400 otherwise). */
  maxInputCharsPerWord?: number;
}

/**
 * MidiTok `tokenizer.train(vocab_size, model="BPE"|"Unigram"|"WordPiece", files_paths=…)`: tokenizes the files,
 * cuts each sequence into bar / beat words (`encode_ids_split`), counts the `▁`-prefixed byte words and learns the
 * model like Hugging Face's trainers; the tokenizer then holds the model (`isTrained`, `save` writes `_model`).
 *
 * Unigram, as MidiTok: its special tokens are `!<byte>!` (a single alphabet character cannot be special) and each
 * gets a base token `<TOKEN>-unigram` (vocabulary and `config.specialTokens`). WordPiece, as MidiTok: the unknown
 * token is PAD's byte, no continuing-subword prefix when ids are split (`##` otherwise).
 */
export async function trainTokenizer(tokenizer: MusicTokenizer, options: TrainTokenizerOptions): Promise<void> {
  if (tokenizer.isMultiVoc) throw new ConfigError('ERR_INVALID_OPTION', `${tokenizer.tokenization} uses several vocabularies and cannot be trained`);
  const model = options.model ?? (tokenizer.model?.type as TrainModelName | undefined) ?? 'BPE';
  if (!MODELS.includes(model)) throw new ConfigError('ERR_INVALID_OPTION', `model should be one of ${MODELS.join(', ')}, got ${String(model)}`);
  const base = tokenizer.vocabInv as string[];
  if (!Number.isInteger(options.vocabSize) || options.vocabSize <= base.length) {
    throw new ConfigError('ERR_INVALID_OPTION', `vocabSize (${options.vocabSize}) should be an integer larger than the base vocabulary (${base.length})`);
  }
  const split = tokenizer.config.encodeIdsSplit !== 'no';
  const byteOf = (id: number): string => tokenizer.idsToBytes([id]);
  const words = new Map<string, number>();
  const feed = (score: Score): void => {
    const out = tokenizer.encode(score);
    for (const seq of (Array.isArray(out) ? out : [out]) as TokSequence[]) {
      for (const w of tokenizer.splitWords(seq)) {
        if (w.length === 0) continue;
        const text = (split ? '▁' : '') + tokenizer.idsToBytes(w);
        words.set(text, (words.get(text) ?? 0) + 1);
      }
    }
  };
  const total = (options.files?.length ?? 0) + (options.scores?.length ?? 0);
  let done = 0;
  for (const file of options.files ?? []) {
    try {
      feed(await readMidi(file));
    } catch {
      // unreadable files are skipped, as MidiTok's training iterator does
    }
    options.onFile?.(++done, total);
  }
  for (const s of options.scores ?? []) {
    feed(s);
    options.onFile?.(++done, total);
  }

  const alphabet = base.flatMap((t, id) => (t.endsWith(UNIGRAM_SUFFIX) ? [] : [byteOf(id)]));
  const vocabBase: [string, number][] = base.map((t, i) => [t, i]);
  const byteToToken: [string, string][] = base.map((t, i) => [byteOf(i), t]);
  const specials: string[] = [];
  const addedSpecials: string[] = [];
  let modelJson: string;
  if (model === 'Unigram') {
    for (const t of tokenizer.config.specialTokens) {
      const own = byteOf(tokenizer.tokenId(t));
      const b = t.endsWith(UNIGRAM_SUFFIX) ? own : `!${own}!`;
      if (specials.includes(b)) continue;
      specials.push(b);
      const name = `${t}${UNIGRAM_SUFFIX}`;
      if (!t.endsWith(UNIGRAM_SUFFIX) && !(tokenizer.vocab as Map<string, number>).has(name)) {
        vocabBase.push([name, vocabBase.length]);
        byteToToken.push([b, name]);
        addedSpecials.push(name);
      }
    }
    const { pieces, unkId } = trainUnigram(words, {
      vocabSize: options.vocabSize,
      specialTokens: specials,
      initialAlphabet: alphabet,
      ...(options.maxPieceLength !== undefined ? { maxPieceLength: options.maxPieceLength } : {}),
      ...(options.shrinkingFactor !== undefined ? { shrinkingFactor: options.shrinkingFactor } : {}),
      ...(options.nSubIterations !== undefined ? { nSubIterations: options.nSubIterations } : {}),
    });
    modelJson = unigramModelJson(pieces, unkId, specials, split);
  } else {
    for (const t of tokenizer.config.specialTokens) specials.push(byteOf(tokenizer.tokenId(t)));
    if (model === 'BPE') {
      const { idToToken, merges } = trainBpe(words, { vocabSize: options.vocabSize, specialTokens: specials, initialAlphabet: alphabet, ...(split ? { continuingSubwordPrefix: '', endOfWordSuffix: '' } : {}) });
      modelJson = bpeModelJson(idToToken, merges, specials, split);
    } else {
      const prefix = split ? '' : '##';
      const { idToToken } = trainWordPiece(words, { vocabSize: options.vocabSize, specialTokens: specials, initialAlphabet: alphabet, continuingSubwordPrefix: prefix });
      const maxInputCharsPerWord = options.maxInputCharsPerWord ?? (tokenizer.config.encodeIdsSplit === 'beat' ? 100 : 400);
      // MidiTok: PAD's byte (without a PAD token MidiTok fails; here id 0's byte, always in the alphabet).
      const unkToken = byteOf((tokenizer.vocab as Map<string, number>).get('PAD_None') ?? 0);
      modelJson = wordPieceModelJson(idToToken, { unkToken, continuingSubwordPrefix: prefix, maxInputCharsPerWord }, specials, split);
    }
  }
  tokenizer.config.specialTokens.push(...addedSpecials);
  tokenizer.loadTrainedModel({
    _model: modelJson,
    _vocab_base: Object.fromEntries(vocabBase),
    _vocab_base_byte_to_token: Object.fromEntries(byteToToken),
  });
}
