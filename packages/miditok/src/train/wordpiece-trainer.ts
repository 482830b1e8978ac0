import { trainBpe, type BpeTrainerOptions } from './bpe-trainer.js';

/**
 * Options of {@link trainWordPiece} (Hugging Face `WordPieceTrainer` parameters MidiTok uses);
 * `continuingSubwordPrefix` defaults to `'##'` (MidiTok passes `''` when it splits ids).
 */
export type WordPieceTrainerOptions = Omit<BpeTrainerOptions, 'endOfWordSuffix'>;

/** A trained WordPiece vocabulary (tokens in id order) and its continuing-subword prefix. */
export interface WordPieceModel {
  idToToken: string[];
  continuingSubwordPrefix: string;
}

/**
 * WordPiece training as Hugging Face's `WordPieceTrainer`: a BPE training where the non-initial characters of each
 * word carry the continuing-subword prefix (so `##b` and `b` are distinct symbols and a merge drops the right
 * part's prefix), whose vocabulary becomes the WordPiece vocabulary (the merges are dropped).
 */
export function trainWordPiece(wordCounts: ReadonlyMap<string, number>, options: WordPieceTrainerOptions): WordPieceModel {
  const prefix = options.continuingSubwordPrefix ?? '##';
  const { idToToken } = trainBpe(wordCounts, { ...options, continuingSubwordPrefix: prefix });
  return { idToToken, continuingSubwordPrefix: prefix };
}
