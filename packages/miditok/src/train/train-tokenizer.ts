import { ConfigError } from '@mirkit/core';
import { readMidi } from '../score/parse-midi.js';
import type { Score } from '../score/score.js';
import type { MusicTokenizer } from '../tokenizers/music-tokenizer.js';
import type { TokSequence } from '../tokenizers/tok-sequence.js';
import { trainBpe } from './bpe-trainer.js';
import { CHR_ID_START } from './trained-model.js';

/** Options of {@link trainTokenizer}. */
export interface TrainTokenizerOptions {
  vocabSize: number;
  /** Only `'BPE'` is implemented (Unigram training is not deterministic upstream; WordPiece is not ported). */
  model?: 'BPE';
  /** MIDI files to learn from (or pass `scores`). */
  files?: readonly string[];
  scores?: readonly Score[];
  onFile?: (done: number, total: number) => void;
}

/** A JSON object whose keys keep their order (JSON.stringify would move integer-like keys such as "0" first). */
function orderedObject(entries: readonly [string, number][]): string {
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;
}

/** The Hugging Face `Tokenizer.to_str()` JSON of a MidiTok BPE model. */
export function bpeModelJson(idToToken: readonly string[], merges: readonly (readonly [string, string])[], specials: readonly string[], split: boolean): string {
  const meta = '{"type":"Metaspace","replacement":"▁","prepend_scheme":"always","split":true}';
  const added = specials.map((c, id) => ({ id, content: c, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true }));
  const affix = split ? '""' : 'null';
  return (
    `{"version":"1.0","truncation":null,"padding":null,"added_tokens":${JSON.stringify(added)},"normalizer":null,` +
    `"pre_tokenizer":${split ? meta : 'null'},"post_processor":null,"decoder":${split ? meta : 'null'},` +
    `"model":{"type":"BPE","dropout":null,"unk_token":null,"continuing_subword_prefix":${affix},"end_of_word_suffix":${affix},` +
    `"fuse_unk":false,"byte_fallback":false,"ignore_merges":false,"vocab":${orderedObject(idToToken.map((t, i) => [t, i]))},` +
    `"merges":${JSON.stringify(merges)}}}`
  );
}

/**
 * MidiTok `tokenizer.train(vocab_size, model="BPE", files_paths=…)`: tokenizes the files, cuts each sequence into
 * bar / beat words (`encode_ids_split`), counts the `▁`-prefixed byte words and learns BPE merges like Hugging
 * Face's trainer; the tokenizer then holds the model (`isTrained`, `save` writes `_model`).
 */
export async function trainTokenizer(tokenizer: MusicTokenizer, options: TrainTokenizerOptions): Promise<void> {
  if (tokenizer.isMultiVoc) throw new ConfigError('ERR_INVALID_OPTION', `${tokenizer.tokenization} uses several vocabularies and cannot be trained`);
  if ((options.model ?? 'BPE') !== 'BPE') throw new ConfigError('ERR_INVALID_OPTION', `Only BPE training is implemented, got ${String(options.model)}`);
  const base = tokenizer.vocabInv as string[];
  if (options.vocabSize <= base.length) {
    throw new ConfigError('ERR_INVALID_OPTION', `vocabSize (${options.vocabSize}) should be larger than the base vocabulary (${base.length})`);
  }
  const split = tokenizer.config.encodeIdsSplit !== 'no';
  const words = new Map<string, number>();
  const feed = (score: Score): void => {
    const out = tokenizer.encode(score);
    for (const seq of (Array.isArray(out) ? out : [out]) as TokSequence[]) {
      for (const w of tokenizer.splitWords(seq)) {
        if (w.length === 0) continue;
        const text = (split ? '▁' : '') + w.map((id) => String.fromCodePoint(id + CHR_ID_START)).join('');
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
  const specials = tokenizer.config.specialTokens.map((t) => String.fromCodePoint(tokenizer.tokenId(t) + CHR_ID_START));
  const alphabet = base.map((_, id) => String.fromCodePoint(id + CHR_ID_START));
  const { idToToken, merges } = trainBpe(words, { vocabSize: options.vocabSize, specialTokens: specials, initialAlphabet: alphabet, ...(split ? { continuingSubwordPrefix: '', endOfWordSuffix: '' } : {}) });
  tokenizer.loadTrainedModel({
    _model: bpeModelJson(idToToken, merges, specials, split),
    _vocab_base: Object.fromEntries(base.map((t, i) => [t, i])),
    _vocab_base_byte_to_token: Object.fromEntries(base.map((t, i) => [String.fromCodePoint(i + CHR_ID_START), t])),
  });
}
