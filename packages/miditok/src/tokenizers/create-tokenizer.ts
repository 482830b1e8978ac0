import { readFile } from 'node:fs/promises';
import { ConfigError } from '@mirkit/core';
import { parseMiditokConfigJson, type TokenizerConfig, type TokenizerConfigOptions } from '../config/tokenizer-config.js';
import { MidiLikeTokenizer } from './midi-like.js';
import { MmmTokenizer } from './mmm.js';
import { CpWordTokenizer } from './cp-word.js';
import { OctupleTokenizer } from './octuple.js';
import { MumidiTokenizer } from './mumidi.js';
import { PerTokTokenizer } from './pertok.js';
import type { MusicTokenizer } from './music-tokenizer.js';
import { RemiTokenizer } from './remi.js';
import { StructuredTokenizer } from './structured.js';
import { TsdTokenizer } from './tsd.js';

type TokenizerClass = new (config?: TokenizerConfig | TokenizerConfigOptions) => MusicTokenizer;

/** MidiTok class names (`tokenization` in params files) → classes. Only tokenizers verified token-for-token. */
export const TOKENIZER_CLASSES: Readonly<Record<string, TokenizerClass>> = {
  REMI: RemiTokenizer,
  TSD: TsdTokenizer,
  MIDILike: MidiLikeTokenizer,
  Structured: StructuredTokenizer,
  MMM: MmmTokenizer,
  CPWord: CpWordTokenizer,
  Octuple: OctupleTokenizer,
  MuMIDI: MumidiTokenizer,
  PerTok: PerTokTokenizer,
};

/** Creates a tokenizer by MidiTok class name. */
export function createTokenizer(tokenization: string, config: TokenizerConfig | TokenizerConfigOptions = {}): MusicTokenizer {
  const cls = TOKENIZER_CLASSES[tokenization];
  if (!cls) {
    throw new ConfigError('ERR_INVALID_OPTION', `Unknown or unsupported tokenization '${tokenization}' (supported: ${Object.keys(TOKENIZER_CLASSES).join(', ')})`);
  }
  return new cls(config);
}

/**
 * Loads a tokenizer from MidiTok params JSON text (`tokenizer.save()` / `save_params()` output, or a config-only
 * file plus a `tokenization` name).
 */
export function tokenizerFromParams(jsonText: string, tokenization?: string): MusicTokenizer {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(jsonText) as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError('ERR_INVALID_OPTION', `Tokenizer params are not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const name = tokenization ?? (typeof parsed.tokenization === 'string' ? parsed.tokenization : undefined);
  if (!name) throw new ConfigError('ERR_INVALID_OPTION', "Tokenizer params have no 'tokenization' field; pass the tokenizer name");
  const tok = createTokenizer(name, parseMiditokConfigJson(jsonText));
  if (parsed._model !== undefined) tok.loadTrainedModel(parsed);
  return tok;
}

/** Reads a params file; errors name the file. */
export async function loadTokenizer(path: string, tokenization?: string): Promise<MusicTokenizer> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError('ERR_INVALID_OPTION', `Cannot read tokenizer params '${path}': ${(error as Error).message}`, { cause: error });
  }
  try {
    return tokenizerFromParams(text, tokenization);
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(error.code, `${path}: ${error.message}`, { cause: error });
    throw error;
  }
}
