import { describe, expect, it } from 'vitest';
import { createRng, hashSeed, randomPermutation, shuffleInPlace } from './rng.js';

/** Independent BigInt reference of SplitMix32 seeding + xoshiro128** (Blackman & Vigna), for cross-checking. */
function referenceStream(seed: number, count: number, state?: bigint[]): number[] {
  const M = 0xffffffffn;
  const mul = (a: bigint, b: bigint) => (a * b) & M;
  let s: bigint[];
  if (state) {
    s = state;
  } else {
    let x = BigInt(seed) & M;
    const next = () => {
      x = (x + 0x9e3779b9n) & M;
      let z = x;
      z = mul(z ^ (z >> 16n), 0x85ebca6bn);
      z = mul(z ^ (z >> 13n), 0xc2b2ae35n);
      return z ^ (z >> 16n);
    };
    s = [next(), next(), next(), next()];
  }
  const rotl = (v: bigint, k: bigint) => ((v << k) | (v >> (32n - k))) & M;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    out.push(Number(mul(rotl(mul(s[1]!, 5n), 7n), 9n)));
    const t = (s[1]! << 9n) & M;
    s[2]! ^= s[0]!;
    s[3]! ^= s[1]!;
    s[1]! ^= s[2]!;
    s[0]! ^= s[3]!;
    s[2]! ^= t;
    s[3] = rotl(s[3]!, 11n);
  }
  return out;
}

describe('createRng (xoshiro128**)', () => {
  it('pins the first values of known seeds', () => {
    const r = createRng(42);
    expect([r.nextUint32(), r.nextUint32(), r.nextUint32(), r.nextUint32()]).toEqual([2837322924, 544945897, 479756282, 3500138142]);
    expect(createRng(0).state()).toEqual([2462723854, 1020716019, 454327756, 1275600319]);
    expect(createRng(0).next()).toBe(0.8868539502021594);
    const r0 = createRng(0);
    r0.next();
    expect([r0.int(10), r0.int(10), r0.int(10)]).toEqual([1, 3, 6]);
  });

  it('matches an independent BigInt implementation, including the reference state [1, 2, 3, 4]', () => {
    for (const seed of [0, 1, 42, 0xffffffff]) {
      const r = createRng(seed);
      expect(Array.from({ length: 500 }, () => r.nextUint32())).toEqual(referenceStream(seed, 500));
    }
    const r = createRng(0);
    r.setState([1, 2, 3, 4]);
    const got = Array.from({ length: 50 }, () => r.nextUint32());
    expect(got.slice(0, 2)).toEqual([11520, 0]); // hand-computed: rotl(2·5, 7)·9, then s1 = 0
    expect(got).toEqual(referenceStream(0, 50, [1n, 2n, 3n, 4n]));
  });

  it('is deterministic per seed and differs between seeds; non-integer seeds are hashed', () => {
    const a = createRng(7);
    const b = createRng(7);
    const xs = Array.from({ length: 100 }, () => a.next());
    expect(Array.from({ length: 100 }, () => b.next())).toEqual(xs);
    expect(createRng(8).next()).not.toBe(xs[0]);
    expect(createRng(1.5).next()).toBe(createRng(1.5).next());
    expect(createRng(-3).next()).not.toBe(createRng(3).next());
    expect(createRng(2 ** 40).next()).not.toBe(createRng(0).next());
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(() => createRng(Number.NaN)).toThrow(RangeError);
  });

  it('int() stays in range and is unbiased (rejection, not modulo)', () => {
    const r = createRng(1);
    const counts = new Array(6).fill(0);
    for (let i = 0; i < 60000; i++) counts[r.int(6)]++;
    // chi-square with 5 dof; 99.9th percentile ≈ 20.5
    const chi = counts.reduce((s, c) => s + (c - 10000) ** 2 / 10000, 0);
    expect(chi).toBeLessThan(20.5);
    // For n = 3·2^30, modulo would put half of the mass below 2^30; unbiased puts a third there.
    const n = 3 * 2 ** 30;
    let low = 0;
    for (let i = 0; i < 6000; i++) {
      const v = r.int(n);
      expect(v >= 0 && v < n && Number.isInteger(v)).toBe(true);
      if (v < 2 ** 30) low++;
    }
    expect(low / 6000).toBeGreaterThan(0.3);
    expect(low / 6000).toBeLessThan(0.37);
    for (let i = 0; i < 100; i++) {
      const v = r.int(2 ** 40);
      expect(Number.isInteger(v) && v >= 0 && v < 2 ** 40).toBe(true);
    }
    expect(r.int(1)).toBe(0);
    expect(() => r.int(0)).toThrow(RangeError);
    expect(() => r.int(2.5)).toThrow(RangeError);
  });

  it('fork() gives independent, reproducible streams', () => {
    const parent = createRng(3);
    const f1 = parent.fork();
    const f2 = parent.fork();
    const s1 = Array.from({ length: 200 }, () => f1.nextUint32());
    const s2 = Array.from({ length: 200 }, () => f2.nextUint32());
    const sp = Array.from({ length: 200 }, () => parent.nextUint32());
    expect(s1).not.toEqual(s2);
    expect(s1.filter((v, i) => v === s2[i] || v === sp[i])).toHaveLength(0);
    const again = createRng(3).fork();
    expect(again.nextUint32()).toBe(s1[0]);
    // low correlation between sibling streams
    const x = s1.map((v) => v / 2 ** 32 - 0.5);
    const y = s2.map((v) => v / 2 ** 32 - 0.5);
    const corr = x.reduce((s, v, i) => s + v * y[i]!, 0) / Math.sqrt(x.reduce((s, v) => s + v * v, 0) * y.reduce((s, v) => s + v * v, 0));
    expect(Math.abs(corr)).toBeLessThan(0.25);
  });

  it('state() / setState() round-trip exactly', () => {
    const r = createRng(99);
    r.next();
    const snap = r.state();
    const ahead = Array.from({ length: 20 }, () => r.nextUint32());
    r.setState(snap);
    expect(Array.from({ length: 20 }, () => r.nextUint32())).toEqual(ahead);
    const other = createRng(0);
    other.setState(JSON.parse(JSON.stringify(snap)) as typeof snap);
    expect(other.nextUint32()).toBe(ahead[0]);
  });
});

describe('hashSeed / randomPermutation / shuffleInPlace', () => {
  it('hashes seed tuples deterministically and order-sensitively', () => {
    expect(hashSeed(1)).toBe(2579122484);
    expect(hashSeed(1, 2)).toBe(902957941);
    expect(hashSeed(2, 1)).not.toBe(hashSeed(1, 2));
    expect(hashSeed(2 ** 40)).not.toBe(hashSeed(0));
    expect(hashSeed(-1.5)).toBe(866247079);
  });

  it('permutes all indices, reproducibly', () => {
    const p = randomPermutation(100, createRng(5));
    expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(randomPermutation(100, createRng(5))).toEqual(p);
    expect(randomPermutation(0, createRng(5))).toEqual(new Uint32Array(0));
    const arr = ['a', 'b', 'c', 'd'];
    expect(shuffleInPlace(arr, createRng(1))).toBe(arr);
    expect([...arr].sort()).toEqual(['a', 'b', 'c', 'd']);
    // every position is reachable: first element over many seeds
    const firsts = new Set(Array.from({ length: 200 }, (_, s) => randomPermutation(4, createRng(s))[0]));
    expect(firsts.size).toBe(4);
  });
});
