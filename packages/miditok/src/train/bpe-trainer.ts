import { ConfigError } from '@mirkit/core';

/** Options every trainer takes (Hugging Face trainers' common parameters). */
export interface TrainerOptions {
  /** Final vocabulary size, special tokens included. */
  vocabSize: number;
  /** Added first, in order (ids 0…). */
  specialTokens?: readonly string[];
  /** Characters always in the alphabet. */
  initialAlphabet?: readonly string[];
}

/** Options of {@link trainBpe} (Hugging Face `BpeTrainer` parameters MidiTok uses). */
export interface BpeTrainerOptions extends TrainerOptions {
  minFrequency?: number;
  continuingSubwordPrefix?: string;
  endOfWordSuffix?: string;
}

/** A trained BPE model: tokens in id order and merges in rank order. */
export interface BpeModel {
  idToToken: string[];
  merges: [string, string][];
}

interface Merge {
  a: number;
  b: number;
  count: number;
  pos: Set<number>;
}

/** Max-heap on (count, then the smaller pair first), like the Rust trainer's `Merge` ordering. */
class MergeHeap {
  readonly items: Merge[] = [];

  private static better(x: Merge, y: Merge): boolean {
    if (x.count !== y.count) return x.count > y.count;
    if (x.a !== y.a) return x.a < y.a;
    return x.b < y.b;
  }

  push(m: Merge): void {
    const h = this.items;
    h.push(m);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!MergeHeap.better(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  pop(): Merge | undefined {
    const h = this.items;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && MergeHeap.better(h[l]!, h[m]!)) m = l;
        if (r < h.length && MergeHeap.better(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}

const key = (a: number, b: number): number => a * 0x100000 + b;

/**
 * BPE training with the semantics of Hugging Face `tokenizers`' `BpeTrainer` (0.23): special tokens first, then the
 * alphabet sorted by code point, then merges of the most frequent pair (ties: the smallest id pair), with the
 * trainer's lazy count updates ("birth cohorts": each queued entry merges the words it was created for). Word
 * frequencies are given; pre-tokenization is the caller's (MidiTok: one `▁`-prefixed word per bar).
 */
export function trainBpe(wordCounts: ReadonlyMap<string, number>, options: BpeTrainerOptions): BpeModel {
  const { vocabSize, minFrequency = 0 } = options;
  if (!Number.isInteger(vocabSize) || vocabSize < 1) throw new ConfigError('ERR_INVALID_OPTION', `vocabSize should be a positive integer, but got ${vocabSize}`);
  const w2id = new Map<string, number>();
  const id2w: string[] = [];
  const add = (s: string): void => {
    if (!w2id.has(s)) {
      w2id.set(s, id2w.length);
      id2w.push(s);
    }
  };
  for (const t of options.specialTokens ?? []) add(t);
  const alphabet = new Set<string>();
  for (const w of wordCounts.keys()) for (const c of w) alphabet.add(c);
  for (const c of options.initialAlphabet ?? []) alphabet.add(c);
  for (const c of [...alphabet].sort((x, y) => x.codePointAt(0)! - y.codePointAt(0)!)) add(c);

  const prefix = options.continuingSubwordPrefix;
  const suffix = options.endOfWordSuffix;
  const words: number[][] = [];
  const counts: number[] = [];
  for (const [word, count] of wordCounts) {
    const chars = [...word];
    const symbols: number[] = [];
    chars.forEach((c, i) => {
      if (!w2id.has(c)) return;
      let s = c;
      if (i > 0 && prefix) s = prefix + s;
      if (i === chars.length - 1 && suffix) s += suffix;
      add(s);
      symbols.push(w2id.get(s)!);
    });
    words.push(symbols);
    counts.push(count);
  }

  const pairCounts = new Map<number, number>();
  let where = new Map<number, Set<number>>();
  words.forEach((w, i) => {
    for (let k = 0; k + 1 < w.length; k++) {
      const p = key(w[k]!, w[k + 1]!);
      pairCounts.set(p, (pairCounts.get(p) ?? 0) + counts[i]!);
      let s = where.get(p);
      if (!s) where.set(p, (s = new Set()));
      s.add(i);
    }
  });
  const heap = new MergeHeap();
  const flush = (): void => {
    for (const [p, pos] of where) {
      const count = pairCounts.get(p) ?? 0;
      if (count > 0) heap.push({ a: Math.floor(p / 0x100000), b: p % 0x100000, count, pos });
    }
    where = new Map();
  };
  flush();

  const merges: [number, number][] = [];
  while (id2w.length < vocabSize) {
    const top = heap.pop();
    if (!top) break;
    const current = pairCounts.get(key(top.a, top.b)) ?? 0;
    if (top.count !== current) {
      top.count = current;
      heap.push(top);
      continue;
    }
    if (top.count < 1 || minFrequency > top.count) break;
    let partB = id2w[top.b]!;
    if (prefix && partB.startsWith(prefix)) partB = partB.slice(prefix.length);
    const token = id2w[top.a]! + partB;
    add(token);
    const newId = w2id.get(token)!;
    merges.push([top.a, top.b]);
    for (const wi of top.pos) {
      const w = words[wi]!;
      const changes: [number, number][] = [];
      let i = 0;
      while (i < w.length) {
        if (w[i] === top.a && i + 1 < w.length && w[i + 1] === top.b) {
          if (i > 0) {
            changes.push([key(w[i - 1]!, top.a), -1]);
            changes.push([key(w[i - 1]!, newId), 1]);
          }
          w.splice(i, 2, newId);
          if (i < w.length - 1) {
            changes.push([key(top.b, w[i + 1]!), -1]);
            changes.push([key(newId, w[i + 1]!), 1]);
          }
        }
        i++;
      }
      for (const [p, change] of changes) {
        pairCounts.set(p, (pairCounts.get(p) ?? 0) + change * counts[wi]!);
        if (change > 0) {
          let s = where.get(p);
          if (!s) where.set(p, (s = new Set()));
          s.add(wi);
        }
      }
    }
    flush();
  }
  return { idToToken: id2w, merges: merges.map(([a, b]) => [id2w[a]!, id2w[b]!]) };
}
