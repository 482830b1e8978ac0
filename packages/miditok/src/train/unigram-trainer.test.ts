import { createRng } from '@mirkit/core';
import { describe, expect, it } from 'vitest';
import { forEachRepeat, suffixArray } from './suffix-array.js';
import { PieceModel } from './unigram-lattice.js';
import { trainUnigram } from './unigram-trainer.js';
import { trainWordPiece } from './wordpiece-trainer.js';

const cps = (s: string): Int32Array => Int32Array.from(s, (c) => c.codePointAt(0)!);

describe('suffix array and repeats', () => {
  it('sorts the suffixes and finds every right-maximal repeat with its count (random strings vs brute force)', () => {
    const rng = createRng(7);
    for (let t = 0; t < 30; t++) {
      const n = 1 + (rng.nextUint32() % 60);
      const s = Int32Array.from({ length: n }, () => 1 + (rng.nextUint32() % 3));
      const sa = [...suffixArray(s)];
      const brute = [...s.keys()].sort((a, b) => {
        for (let k = 0; ; k++) {
          if (a + k >= n) return -1;
          if (b + k >= n) return 1;
          if (s[a + k] !== s[b + k]) return s[a + k]! - s[b + k]!;
        }
      });
      expect(sa).toEqual(brute);
      const found = new Map<string, number>();
      forEachRepeat(s, (start, len, count) => len > 0 && found.set(s.slice(start, start + len).join(','), count));
      // brute force: substrings occurring ≥ 2 times followed by ≥ 2 different next symbols (or the end)
      const occ = new Map<string, number[]>();
      for (let i = 0; i < n; i++) for (let j = i; j <= n; j++) (occ.get(s.slice(i, j).join(',')) ?? occ.set(s.slice(i, j).join(','), []).get(s.slice(i, j).join(','))!).push(j);
      const expected = new Map<string, number>();
      for (const [k, ends] of occ) {
        if (k === '' || ends.length < 2) continue;
        const next = new Set(ends.map((e) => (e < n ? s[e] : -1)));
        if (next.size >= 2 || next.has(-1)) expected.set(k, ends.length);
      }
      expect(new Map([...found].sort())).toEqual(new Map([...expected].sort()));
    }
  });
});

describe('unigram lattice', () => {
  it('Viterbi, marginals and the two best segmentations agree with enumeration', () => {
    const pieces = ['<unk>', 'a', 'b', 'ab', 'ba', 'aba'];
    const scores = [NaN, -1, -1.5, -1.8, -2.5, -2.2];
    const model = new PieceModel(pieces, scores, 0);
    const lat = model.lattice(cps('abab'));
    // all segmentations of "abab"
    const segs: number[][] = [];
    const walk = (pos: number, acc: number[]): void => {
      if (pos === 4) segs.push(acc);
      for (let id = 1; id < pieces.length; id++) if ('abab'.startsWith(pieces[id]!, pos)) walk(pos + pieces[id]!.length, [...acc, id]);
    };
    walk(0, []);
    const total = (seg: number[]): number => seg.reduce((a, id) => a + scores[id]!, 0);
    segs.sort((x, y) => total(y) - total(x));
    expect(lat.viterbi()).toEqual(segs[0]);
    expect(lat.twoBest()).toEqual(segs.slice(0, 2));
    const expected = new Float64Array(pieces.length);
    const z = lat.marginal(2, expected);
    const Z = segs.reduce((a, seg) => a + Math.exp(total(seg)), 0);
    expect(z).toBeCloseTo(2 * Math.log(Z), 12);
    for (let id = 1; id < pieces.length; id++) {
      const e = segs.reduce((a, seg) => a + (seg.filter((x) => x === id).length * Math.exp(total(seg))) / Z, 0);
      expect(expected[id]).toBeCloseTo(2 * e, 12);
    }
  });

  it('covers characters without a piece with the unknown piece, below the lowest score', () => {
    const model = new PieceModel(['<unk>', 'a'], [NaN, -1], 0);
    const lat = model.lattice(cps('aza'));
    expect(lat.viterbi()).toEqual([1, 0, 1]);
    expect(lat.score[1]).toBe(-11);
  });
});

describe('trainUnigram', () => {
  const words = new Map([
    ['▁abcabc', 20],
    ['▁abcd', 8],
    ['▁dcba', 5],
    ['▁bcbc', 9],
    ['▁aaab', 3],
  ]);

  it('keeps the special tokens first (score 0), every character, and the requested size', () => {
    const m = trainUnigram(words, { vocabSize: 12, specialTokens: ['[S]', '[T]'], initialAlphabet: ['z'] });
    expect(m.pieces).toHaveLength(12);
    expect(m.pieces.slice(0, 2)).toEqual([['[S]', 0], ['[T]', 0]]);
    const names = m.pieces.map(([p]) => p);
    for (const c of '▁abcdz') expect(names).toContain(c);
    expect(new Set(names).size).toBe(names.length);
    const scores = m.pieces.slice(2).map(([, s]) => s);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(m.unkId).toBeNull();
    expect(trainUnigram(words, { vocabSize: 12, specialTokens: ['[S]', '[T]'], initialAlphabet: ['z'] })).toEqual(m);
  });

  it('adds the unknown token first when it is not a special token (HF)', () => {
    const m = trainUnigram(words, { vocabSize: 10, unkToken: '<unk>', specialTokens: ['[S]'] });
    expect(m.pieces.slice(0, 2)).toEqual([['<unk>', 0], ['[S]', 0]]);
    expect(m.unkId).toBe(0);
    expect(m.pieces).toHaveLength(10);
  });

  it('gives fewer pieces than requested when the corpus has no more (HF), and rejects a size below the alphabet', () => {
    const small = trainUnigram(new Map([['▁ab', 2]]), { vocabSize: 50 });
    expect(small.pieces.length).toBeLessThan(50);
    expect(small.pieces.map(([p]) => p)).toEqual(expect.arrayContaining(['▁', 'a', 'b']));
    expect(() => trainUnigram(words, { vocabSize: 5, specialTokens: ['[S]'] })).toThrow(/cannot hold the 5 characters/);
    expect(() => trainUnigram(words, { vocabSize: 20, shrinkingFactor: 1 })).toThrow(/shrinkingFactor/);
  });

  it('gives the same model when the match cache holds only part of the corpus', () => {
    const full = trainUnigram(words, { vocabSize: 14 });
    expect(trainUnigram(words, { vocabSize: 14, maxCachedMatches: 30 })).toEqual(full);
    expect(trainUnigram(words, { vocabSize: 14, maxCachedMatches: 0 })).toEqual(full);
  });

  it('honours maxPieceLength', () => {
    const m = trainUnigram(words, { vocabSize: 30, maxPieceLength: 2 });
    for (const [p] of m.pieces) expect([...p].length).toBeLessThanOrEqual(2);
  });
});

describe('trainWordPiece', () => {
  it('trains BPE with the ## prefix on continuing characters and keeps its vocabulary', () => {
    const m = trainWordPiece(new Map([['abab', 3], ['ab', 1], ['ba', 1]]), { vocabSize: 9, specialTokens: ['[UNK]'] });
    expect(m.continuingSubwordPrefix).toBe('##');
    // specials, alphabet, prefixed characters (first seen order), then merges: a+##b → ab, ##a+##b → ##ab, ab+##ab → abab
    expect(m.idToToken).toEqual(['[UNK]', 'a', 'b', '##b', '##a', 'ab', '##ab', 'abab', 'ba']);
    expect(trainWordPiece(new Map([['abab', 3]]), { vocabSize: 6, continuingSubwordPrefix: '' }).idToToken).toEqual(['a', 'b', 'ab', 'abab']);
  });
});
