import { ConfigError } from '@mirkit/core';

/** Code point offset of MidiTok's byte mapping: base id `i` ↔ `String.fromCodePoint(i + 33)`. */
export const CHR_ID_START = 33;

interface HfTokenizerLike {
  encode(sentence: string): Promise<{ getIds(): number[] }>;
}

interface HfModelJson {
  added_tokens?: { id: number; content: string }[];
  model?: {
    type?: string;
    vocab?: Record<string, number> | [string, number][];
    continuing_subword_prefix?: string | null;
    end_of_word_suffix?: string | null;
  };
}

/**
 * A BPE / Unigram / WordPiece model trained by MidiTok (the `_model` string of its params), used to encode
 * base-token words and to map learned ids back to base tokens. Encoding runs through the Hugging Face `tokenizers`
 * native binding (loaded lazily), so results are those of the Rust core MidiTok uses.
 */
export class TrainedModel {
  readonly modelJson: string;
  readonly type: string;
  /** model id → learned token string (bytes). */
  readonly idToToken: string[];
  /** learned bytes → base token strings. */
  readonly learnedBytesToTokens = new Map<string, string[]>();
  readonly byteToToken: Map<string, string>;
  #hf: HfTokenizerLike | undefined;

  constructor(modelJson: string, byteToToken: Map<string, string>) {
    this.modelJson = modelJson;
    this.byteToToken = byteToToken;
    let parsed: HfModelJson;
    try {
      parsed = JSON.parse(modelJson) as HfModelJson;
    } catch (error) {
      throw new ConfigError('ERR_INVALID_OPTION', `Tokenizer params '_model' is not valid JSON: ${(error as Error).message}`, { cause: error });
    }
    const model = parsed.model ?? {};
    this.type = model.type ?? 'BPE';
    const ids: string[] = [];
    if (Array.isArray(model.vocab)) model.vocab.forEach(([piece], i) => (ids[i] = piece));
    else for (const [tok, id] of Object.entries(model.vocab ?? {})) ids[id] = tok;
    for (const a of parsed.added_tokens ?? []) ids[a.id] ??= a.content;
    this.idToToken = ids;
    const prefix = model.continuing_subword_prefix ?? '';
    const suffix = model.end_of_word_suffix ?? '';
    for (const tok of ids) {
      if (tok === undefined) continue;
      let bytes = tok;
      if (prefix && bytes.startsWith(prefix)) bytes = bytes.slice(prefix.length);
      if (suffix && bytes.endsWith(suffix)) bytes = bytes.slice(0, bytes.length - suffix.length);
      if (bytes.startsWith('▁')) bytes = bytes.slice(1);
      const toks: string[] = [];
      for (const ch of bytes) {
        const t = byteToToken.get(ch);
        if (t !== undefined) toks.push(t);
      }
      this.learnedBytesToTokens.set(tok, toks);
    }
  }

  /** Size of the learned vocabulary (`len(tokenizer)` in MidiTok once trained). */
  get size(): number {
    return this.idToToken.length;
  }

  async #tokenizer(): Promise<HfTokenizerLike> {
    if (this.#hf) return this.#hf;
    let mod: { Tokenizer: { fromString(s: string): HfTokenizerLike } };
    try {
      mod = (await import('tokenizers')) as unknown as typeof mod;
    } catch (error) {
      throw new ConfigError('ERR_INVALID_OPTION', `The 'tokenizers' native binding could not be loaded: ${(error as Error).message}`, { cause: error });
    }
    this.#hf = mod.Tokenizer.fromString(this.modelJson);
    return this.#hf;
  }

  /** Encodes words (strings of base bytes) one by one and concatenates the ids (MidiTok's `is_pretokenized`). */
  async encodeWords(words: readonly string[]): Promise<number[]> {
    const tk = await this.#tokenizer();
    // The binding encodes on its thread pool: issue the words together, concatenate in order.
    const encodings = await Promise.all(words.filter((w) => w.length > 0).map(async (w) => tk.encode(w)));
    const out: number[] = [];
    for (const enc of encodings) for (const id of enc.getIds()) out.push(id);
    return out;
  }

  /** Learned ids → base token strings (MidiTok `decode_token_ids`). */
  decodeToTokens(ids: readonly number[]): string[] {
    const out: string[] = [];
    for (const id of ids) {
      const tok = this.idToToken[id];
      if (tok === undefined) throw new ConfigError('ERR_INVALID_OPTION', `Token id ${id} is out of the trained vocabulary (size ${this.size})`);
      out.push(...(this.learnedBytesToTokens.get(tok) ?? []));
    }
    return out;
  }
}
