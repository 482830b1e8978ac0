/** Options of {@link preprocessTokenIds}. */
export interface PreprocessTokenIdsOptions {
  maxSeqLen: number;
  bosTokenId?: number | undefined;
  eosTokenId?: number | undefined;
  /** Add BOS (default true; false for non-first chunks of a split file). */
  addBos?: boolean;
  /** Add EOS (default true; false for non-last chunks of a split file). */
  addEos?: boolean;
}

/**
 * MidiTok `_preprocess_token_ids`: truncates to `maxSeqLen` minus the BOS/EOS room, drops EOS when the sequence was
 * truncated, then adds BOS/EOS; an empty sequence stays empty. Unlike MidiTok, a BOS/EOS id of 0 is honoured (MidiTok tests them for truthiness).
 */
export function preprocessTokenIds(ids: readonly number[], options: PreprocessTokenIdsOptions): number[] {
  // An empty sequence stays empty (no BOS/EOS), as MidiTok's datasets give for empty files.
  if (ids.length === 0) return [];
  const bos = options.addBos === false ? undefined : options.bosTokenId;
  const eos = options.addEos === false ? undefined : options.eosTokenId;
  let max = options.maxSeqLen;
  if (bos !== undefined) max--;
  if (eos !== undefined) max--;
  const truncated = ids.length > max;
  const out = ids.slice(0, Math.max(0, max));
  if (bos !== undefined) out.unshift(bos);
  if (eos !== undefined && !truncated) out.push(eos);
  return out;
}
