import { ConfigError } from '@mirkit/core';
import type { TrainerOptions } from './bpe-trainer.js';
import { forEachRepeat } from './suffix-array.js';
import { Lattice, MatchCache, PieceModel, UNK_PENALTY } from './unigram-lattice.js';

/** Options of {@link trainUnigram} (Hugging Face `UnigramTrainer` parameters, same defaults; special tokens get score 0). */
export interface UnigramTrainerOptions extends TrainerOptions {
  /** Unknown token (none by default, as a fresh MidiTok model). */
  unkToken?: string;
  /** Longest seed piece, in characters (16). */
  maxPieceLength?: number;
  /** Share of pieces each pruning step keeps (0.75). */
  shrinkingFactor?: number;
  /** EM iterations between two pruning steps (2). */
  nSubIterations?: number;
  /** Most seed pieces (1 000 000). */
  seedSize?: number;
  /** Memory bound of the seed matches kept between EM steps (2^25, 12 bytes each); the rest uses the trie. */
  maxCachedMatches?: number;
}

/** A trained Unigram model: pieces with their log-probability scores in id order, and the unknown piece's id. */
export interface UnigramModel {
  pieces: [string, number][];
  unkId: number | null;
}

/** `ψ(x)` as HF's trainer computes it (recurrence to x ≥ 7, then the asymptotic series). */
function digamma(x: number): number {
  let r = 0;
  while (x < 7) {
    r -= 1 / x;
    x += 1;
  }
  x -= 0.5;
  const xx = 1 / x;
  const xx2 = xx * xx;
  const xx4 = xx2 * xx2;
  return r + Math.log(x) + xx2 / 24 - (7 / 960) * xx4 + (31 / 8064) * xx4 * xx2 - (127 / 30720) * xx4 * xx4;
}

const TRAINING_UNK = '<UNK>';

/** Lexicographic order of two code point runs of `flat` (for HF's `Reverse((score, chars))` sort). */
function compareRuns(flat: Int32Array, a: number, b: number, len: number): number {
  for (let i = 0; i < len; i++) {
    const d = flat[a + i]! - flat[b + i]!;
    if (d !== 0) return d;
  }
  return 0;
}

/** Seed pieces: every character (by weighted count), then repeated substrings by `occurrences × length`. */
function seedPieces(sentences: readonly Int32Array[], counts: readonly number[], maxPieceLength: number, seedSize: number): [string, number][] {
  let total = 0;
  for (const s of sentences) total += s.length + 1;
  // Each distinct sentence once, each followed by the boundary 0 (never a MidiTok byte).
  const flat = new Int32Array(total);
  const toBoundary = new Int32Array(total);
  const chars = new Map<number, number>();
  let p = 0;
  sentences.forEach((s, i) => {
    flat.set(s, p);
    for (let k = 0; k < s.length; k++) {
      toBoundary[p + k] = s.length - k;
      chars.set(s[k]!, (chars.get(s[k]!) ?? 0) + counts[i]!);
    }
    p += s.length + 1;
  });
  const seeds: [string, number][] = [...chars]
    .sort((x, y) => y[1] - x[1] || y[0] - x[0])
    .map(([c, n]) => [String.fromCodePoint(c), n]);
  const starts: number[] = [];
  const lengths: number[] = [];
  const scores: number[] = [];
  forEachRepeat(flat, (start, length, count) => {
    if (length <= 1 || length > maxPieceLength || length > toBoundary[start]!) return;
    starts.push(start);
    lengths.push(length);
    scores.push(count * length);
  });
  const order = starts.map((_, i) => i);
  order.sort((x, y) => {
    if (scores[x] !== scores[y]) return scores[y]! - scores[x]!;
    const m = Math.min(lengths[x]!, lengths[y]!);
    return -(compareRuns(flat, starts[x]!, starts[y]!, m) || lengths[x]! - lengths[y]!);
  });
  for (const i of order) {
    if (seeds.length >= seedSize) break;
    seeds.push([String.fromCodePoint(...flat.subarray(starts[i]!, starts[i]! + lengths[i]!)), scores[i]!]);
  }
  let sum = 0;
  for (const s of seeds) sum += s[1];
  const logSum = Math.log(sum);
  for (const s of seeds) s[1] = Math.log(s[1]) - logSum;
  return seeds;
}

/**
 * Unigram training with the algorithm of Hugging Face `tokenizers`' `UnigramTrainer` (0.23, SentencePiece's EM):
 * seed pieces from the characters and the suffix array's repeated substrings, EM sub-iterations (Bayesian M step
 * with digamma, pieces under 0.5 expected occurrences dropped), pruning by the likelihood loss of each piece (its
 * second-best segmentation as the alternative) down to `shrinkingFactor` until 1.1 × `vocabSize` pieces remain,
 * then the final selection: every character of the corpus and of `initialAlphabet` (missing ones get the lowest
 * score + 0.0001 steps), then pieces in model order, sorted by score, after the special tokens.
 *
 * Differences from HF, all deterministic where HF iterates hash maps: words are taken in `wordCounts` order and the
 * required characters in code point order; the final selection stops at the requested size with `>=` (HF's `==`
 * lets the vocabulary overflow when the characters alone fill it — here that is an error); a pruning step that
 * removes nothing ends training instead of looping.
 */
export function trainUnigram(wordCounts: ReadonlyMap<string, number>, options: UnigramTrainerOptions): UnigramModel {
  const { vocabSize, maxPieceLength = 16, shrinkingFactor = 0.75, nSubIterations = 2, seedSize = 1_000_000 } = options;
  const specials = [...(options.specialTokens ?? [])];
  if (!Number.isInteger(vocabSize) || vocabSize < 1) throw new ConfigError('ERR_INVALID_OPTION', `vocabSize should be a positive integer, but got ${vocabSize}`);
  if (!(shrinkingFactor > 0 && shrinkingFactor < 1)) throw new ConfigError('ERR_INVALID_OPTION', `shrinkingFactor should be in (0, 1), but got ${shrinkingFactor}`);
  if (!Number.isInteger(maxPieceLength) || maxPieceLength < 1) throw new ConfigError('ERR_INVALID_OPTION', `maxPieceLength should be a positive integer, but got ${maxPieceLength}`);
  if (!Number.isInteger(nSubIterations) || nSubIterations < 1) throw new ConfigError('ERR_INVALID_OPTION', `nSubIterations should be a positive integer, but got ${nSubIterations}`);

  const sentences: Int32Array[] = [];
  const counts: number[] = [];
  const required = new Set<number>();
  for (const [word, count] of wordCounts) {
    if (word.length === 0 || count <= 0) continue;
    const cps = Int32Array.from(word, (c) => c.codePointAt(0)!);
    if (cps.includes(0)) throw new ConfigError('ERR_INVALID_OPTION', `Training word ${JSON.stringify(word)} contains U+0000`);
    cps.forEach((c) => required.add(c));
    sentences.push(cps);
    counts.push(count);
  }
  for (const c of options.initialAlphabet ?? []) required.add(c.codePointAt(0)!);
  const unk = options.unkToken;
  const needAddUnk = unk !== undefined && !specials.includes(unk);
  const budget = vocabSize - specials.length - (needAddUnk ? 1 : 0);
  if (required.size > budget) {
    throw new ConfigError('ERR_INVALID_OPTION', `vocabSize (${vocabSize}) cannot hold the ${required.size} characters of the alphabet and ${vocabSize - budget} special token(s)`);
  }

  // Pieces are only ever removed: the seed model's matches are found once, later lattices filter them.
  const seedNames = [TRAINING_UNK];
  let scores = [NaN];
  for (const [s, v] of seedPieces(sentences, counts, maxPieceLength, seedSize)) {
    seedNames.push(s);
    scores.push(v);
  }
  const cache = new MatchCache(new PieceModel(seedNames, scores, 0), sentences, options.maxCachedMatches);
  const lattice = new Lattice();
  let alive = seedNames.map((_, i) => i);
  const desired = Math.floor((vocabSize * 11) / 10);
  for (;;) {
    for (let it = 0; it < nSubIterations; it++) {
      // E step
      const expected = new Float64Array(alive.length);
      const view = corpusView(cache, sentences, seedNames, alive, scores);
      sentences.forEach((_, i) => view(lattice, i).marginal(counts[i]!, expected));
      // M step (Bayesian: digamma of the expected counts)
      const kept: number[] = [0];
      let sum = 0;
      for (let i = 1; i < alive.length; i++) {
        if (expected[i]! < 0.5) continue;
        kept.push(i);
        sum += expected[i]!;
      }
      const logSum = digamma(sum);
      scores = kept.map((i) => (i === 0 ? NaN : digamma(expected[i]!) - logSum));
      alive = kept.map((i) => alive[i]!);
    }
    if (alive.length <= desired) break;
    const before = alive.length;
    const model = new PieceModel(alive.map((s) => seedNames[s]!), scores, 0);
    const view = corpusView(cache, sentences, seedNames, alive, scores);
    const keep = prune(model, (i) => view(lattice, i), sentences.length, counts, Math.max(desired, Math.floor(alive.length * shrinkingFactor)));
    alive = keep.map((i) => alive[i]!);
    scores = keep.map((i) => scores[i]!);
    const live = new Uint8Array(seedNames.length);
    for (const seed of alive) live[seed] = 1;
    cache.retain(live);
    if (alive.length >= before) break;
  }
  const names = alive.map((s) => seedNames[s]!);
  let minScore = Infinity;
  for (const s of scores) if (s < minScore) minScore = s;

  // Final selection.
  const pieces: [string, number][] = [];
  const inserted = new Set([TRAINING_UNK]);
  const existing = new Map(names.map((n, i) => [n, scores[i]!]));
  let penalty = 0;
  for (const c of [...required].sort((a, b) => a - b)) {
    const ch = String.fromCodePoint(c);
    const s = existing.get(ch);
    if (s === undefined) {
      pieces.push([ch, minScore + penalty]);
      penalty += 0.0001;
    } else pieces.push([ch, s]);
    inserted.add(ch);
  }
  for (let i = 0; i < names.length && pieces.length < budget; i++) {
    if (inserted.has(names[i]!)) continue;
    inserted.add(names[i]!);
    pieces.push([names[i]!, Number.isNaN(scores[i]) ? 0 : scores[i]!]);
  }
  pieces.sort((a, b) => b[1] - a[1]);
  const head: [string, number][] = specials.map((t) => [t, 0]);
  if (needAddUnk) head.unshift([unk, 0]);
  const unkId = unk === undefined ? null : head.findIndex(([t]) => t === unk);
  return { pieces: [...head, ...pieces], unkId };
}

/** The lattice builder of the corpus for the current pieces (`alive[id]` = seed id, `scores[id]`). */
function corpusView(
  cache: MatchCache,
  sentences: readonly Int32Array[],
  seedNames: readonly string[],
  alive: readonly number[],
  scores: readonly number[],
): (lattice: Lattice, i: number) => Lattice {
  const current = new Int32Array(cache.seedCount).fill(-1);
  alive.forEach((seed, id) => (current[seed] = id));
  let min = Infinity;
  for (const s of scores) if (s < min) min = s;
  const sc = Float64Array.from(scores);
  let model: PieceModel | undefined;
  return (lattice, i) => {
    if (i < cache.covered) return lattice.fromCache(cache, i, current, sc, 0, min - UNK_PENALTY);
    model ??= new PieceModel(alive.map((seed) => seedNames[seed]!), scores, 0);
    return model.lattice(sentences[i]!);
  };
}

/** One pruning step (HF `prune_sentence_pieces`): the ids of the pieces kept (at most `size`, the unknown piece first). */
function prune(model: PieceModel, latticeOf: (i: number) => Lattice, sentenceCount: number, counts: readonly number[], size: number): number[] {
  const n = model.size;
  const alwaysKeep = new Uint8Array(n).fill(1);
  const alternatives: (number[] | undefined)[] = new Array(n);
  alwaysKeep[0] = 0;
  for (let id = 1; id < n; id++) {
    const best = model.lattice(model.pieceCodePoints(id)).twoBest();
    if (best.length === 1) continue;
    if (best[0]!.length >= 2) alwaysKeep[id] = 0;
    else if (best[0]!.length === 1) alternatives[id] = best[1];
  }
  // Viterbi counts over the corpus; `inSentences[id]` = Σ count of the sentences holding the piece (per occurrence).
  let vsum = 0;
  const freq = new Float64Array(n);
  const inSentences = new Float64Array(n);
  for (let i = 0; i < sentenceCount; i++) {
    vsum += counts[i]!;
    for (const id of latticeOf(i).viterbi()) {
      freq[id]! += counts[i]!;
      inSentences[id]! += counts[i]!;
    }
  }
  let sum = 0;
  for (const f of freq) sum += f;
  const logSum = Math.log(sum);
  const out = [0];
  const candidates: [number, number][] = [];
  for (let id = 1; id < n; id++) {
    const alt = alternatives[id];
    if (freq[id] === 0 && !alwaysKeep[id]) continue;
    if (!alt || alt.length === 0) {
      out.push(id);
      continue;
    }
    let f = inSentences[id]!;
    if (f === 0 || Number.isNaN(f)) continue;
    f /= vsum;
    const logProb = Math.log(freq[id]!) - logSum;
    // HF multiplies by the number of pieces minus one (SentencePiece: the number of alternatives minus one).
    const logSumAlt = Math.log(sum + freq[id]! * (n - 1));
    let logProbAlt = 0;
    for (const a of alt) logProbAlt += Math.log(freq[a]! + freq[id]!) - logSumAlt;
    candidates.push([id, f * (logProb - logProbAlt)]);
  }
  candidates.sort((a, b) => b[1] - a[1]);
  for (const [id] of candidates) {
    if (out.length >= size) break;
    out.push(id);
  }
  return out;
}
