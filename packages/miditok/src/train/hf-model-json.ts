/**
 * Hugging Face `Tokenizer.to_str()` JSON of the models MidiTok trains (BPE, Unigram, WordPiece), with MidiTok's
 * pipeline: special tokens as added tokens, and a Metaspace pre-tokenizer / decoder when ids are split per bar/beat.
 */

const METASPACE = '{"type":"Metaspace","replacement":"▁","prepend_scheme":"always","split":true}';

/** A JSON object whose keys keep their order (JSON.stringify would move integer-like keys such as "0" first). */
function orderedObject(entries: readonly [string, number][]): string {
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;
}

/** A finite f64 as serde_json writes it (shortest round-trip digits, integers with `.0`). */
export function rustFloat(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e16) return `${x}.0`;
  return String(x).replace('e+', 'e');
}

/** The tokenizer JSON around a serialized model (`added_tokens` = the special tokens, ids 0…). */
function tokenizerJson(specials: readonly string[], split: boolean, model: string): string {
  const added = specials.map((c, id) => ({ id, content: c, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true }));
  return (
    `{"version":"1.0","truncation":null,"padding":null,"added_tokens":${JSON.stringify(added)},"normalizer":null,` +
    `"pre_tokenizer":${split ? METASPACE : 'null'},"post_processor":null,"decoder":${split ? METASPACE : 'null'},"model":${model}}`
  );
}

/** The Hugging Face `Tokenizer.to_str()` JSON of a MidiTok BPE model. */
export function bpeModelJson(idToToken: readonly string[], merges: readonly (readonly [string, string])[], specials: readonly string[], split: boolean): string {
  const affix = split ? '""' : 'null';
  return tokenizerJson(
    specials,
    split,
    `{"type":"BPE","dropout":null,"unk_token":null,"continuing_subword_prefix":${affix},"end_of_word_suffix":${affix},` +
      `"fuse_unk":false,"byte_fallback":false,"ignore_merges":false,"vocab":${orderedObject(idToToken.map((t, i) => [t, i]))},` +
      `"merges":${JSON.stringify(merges)}}`,
  );
}

/** The Hugging Face `Tokenizer.to_str()` JSON of a MidiTok Unigram model (`pieces` in id order). */
export function unigramModelJson(pieces: readonly (readonly [string, number])[], unkId: number | null, specials: readonly string[], split: boolean): string {
  const vocab = pieces.map(([p, s]) => `[${JSON.stringify(p)},${rustFloat(s)}]`).join(',');
  return tokenizerJson(specials, split, `{"type":"Unigram","unk_id":${unkId ?? 'null'},"vocab":[${vocab}],"byte_fallback":false}`);
}

/** Options of {@link wordPieceModelJson}: the WordPiece model fields. */
export interface WordPieceJsonOptions {
  unkToken: string;
  continuingSubwordPrefix: string;
  maxInputCharsPerWord: number;
}

/** The Hugging Face `Tokenizer.to_str()` JSON of a MidiTok WordPiece model. */
export function wordPieceModelJson(idToToken: readonly string[], options: WordPieceJsonOptions, specials: readonly string[], split: boolean): string {
  return tokenizerJson(
    specials,
    split,
    `{"type":"WordPiece","unk_token":${JSON.stringify(options.unkToken)},"continuing_subword_prefix":${JSON.stringify(options.continuingSubwordPrefix)},` +
      `"max_input_chars_per_word":${options.maxInputCharsPerWord},"vocab":${orderedObject(idToToken.map((t, i) => [t, i]))}}`,
  );
}
