import { DataError, type Dataset } from '@mirkit/core';
import { readMidi } from '../score/parse-midi.js';
import { tokenizerFromParams } from '../tokenizers/create-tokenizer.js';
import type { EncodeOutput } from '../tokenizers/music-tokenizer.js';
import type { MusicTokenizer } from '../tokenizers/music-tokenizer.js';

/** Options of the `miditok/tokenize-files` loader (structured-cloneable, so worker threads can rebuild it). */
export interface TokenizeFilesOptions {
  files: readonly string[];
  /** Tokenizer params JSON text. */
  params: string;
}

/** One tokenized file: the JSON text to write, or the error message. */
export interface TokenizedFile {
  index: number;
  json: string;
  error: string;
}

/** The JSON MidiTok-style token file of an encoding: `ids`, `tokens`, `ids_encoded` (+ `programs`). */
export function tokensJson(out: EncodeOutput, programs?: readonly (readonly [number, boolean])[]): string {
  const seqs = Array.isArray(out) ? out : [out];
  const body: Record<string, unknown> = Array.isArray(out)
    ? { ids: seqs.map((s) => s.ids), tokens: seqs.map((s) => s.tokens), ids_encoded: seqs.map((s) => s.areIdsEncoded === true) }
    : { ids: out.ids, tokens: out.tokens, ids_encoded: out.areIdsEncoded === true };
  if (programs) body.programs = programs;
  return JSON.stringify(body);
}

/** Reads, tokenizes (and model-encodes) one file into its token JSON. */
export async function tokenizeFileToJson(tok: MusicTokenizer, file: string): Promise<string> {
  const score = await readMidi(file);
  const { tokens, preprocessed } = tok.encodeWithScore(score);
  await tok.encodeTokenIds(tokens);
  return tokensJson(tokens, Array.isArray(tokens) ? preprocessed.tracks.map((t) => [t.program, t.isDrum] as const) : undefined);
}

/**
 * A dataset whose item `i` is the token JSON of `files[i]` (failures are items with `error`), used by
 * `mirkit miditok tokenize --jobs N` to tokenize in worker threads through core's `DataLoader`.
 */
export function tokenizeFilesDataset(options: TokenizeFilesOptions): Dataset<TokenizedFile> {
  if (!Array.isArray(options.files) || typeof options.params !== 'string') {
    throw new DataError('ERR_INVALID_OPTION', 'miditok/tokenize-files needs { files: string[], params: string }');
  }
  const tok = tokenizerFromParams(options.params);
  return {
    length: options.files.length,
    async get(index: number): Promise<TokenizedFile> {
      const file = options.files[index];
      if (file === undefined) throw new DataError('ERR_INDEX_OUT_OF_RANGE', `Index ${index} is out of range for ${options.files.length} files`);
      try {
        return { index, json: await tokenizeFileToJson(tok, file), error: '' };
      } catch (error) {
        return { index, json: '', error: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}
