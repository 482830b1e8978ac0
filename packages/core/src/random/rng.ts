/**
 * The one seeded pseudo-random generator used everywhere in mirkit.
 *
 * Algorithm: **xoshiro128\*\*** (Blackman & Vigna) on 32-bit integer arithmetic, seeded by expanding the seed
 * with **SplitMix32**. Only `Math.imul`, shifts and `>>> 0` are used, so the same seed yields the same stream on
 * every machine and JavaScript engine.
 *
 * - `next()` returns a float in [0, 1) built from 53 random bits (two outputs).
 * - `int(n)` returns an unbiased integer in [0, n) (rejection sampling).
 * - `fork()` derives an independent generator (used to give each epoch/worker its own stream).
 * - `state()` / `setState()` snapshot the generator exactly (checkpoints store it).
 */
export interface Rng {
  /** Float in [0, 1). */
  next(): number;
  /** Unsigned 32-bit integer. */
  nextUint32(): number;
  /** Unbiased integer in [0, maxExclusive). */
  int(maxExclusive: number): number;
  /** An independent generator derived from this one's stream. */
  fork(): Rng;
  /** Snapshot of the internal state. */
  state(): RngState;
  /** Restores a snapshot taken with {@link Rng.state}. */
  setState(state: RngState): void;
}

export type RngState = readonly [number, number, number, number];

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Mixes an arbitrary (possibly non-integer, negative or large) numeric seed into 32 bits. */
export function hashSeed(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    // Split into two 32-bit halves so seeds above 2^32 still differ.
    const hi = Math.floor(p / 0x100000000) >>> 0;
    const lo = p >>> 0;
    for (const w of [lo, hi]) {
      h = Math.imul(h ^ w, 0x01000193) >>> 0;
      h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
    }
  }
  return h >>> 0;
}

class Xoshiro128 implements Rng {
  // State in a typed array: stays unboxed uint32 in the JIT (private number fields were ~10x slower).
  readonly #s = new Uint32Array(4);

  constructor(s: RngState) {
    this.setState(s);
  }

  nextUint32(): number {
    const s = this.#s;
    const s1 = s[1]!;
    const result = Math.imul(rotl(Math.imul(s1, 5) >>> 0, 7), 9) >>> 0;
    const t = s1 << 9;
    s[2]! ^= s[0]!;
    s[3]! ^= s1;
    s[1]! ^= s[2]!;
    s[0]! ^= s[3]!;
    s[2]! ^= t;
    s[3] = rotl(s[3]!, 11);
    return result;
  }

  next(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  int(maxExclusive: number): number {
    if (!Number.isInteger(maxExclusive) || maxExclusive <= 0) {
      throw new RangeError(`int() expects a positive integer bound, but got ${maxExclusive}`);
    }
    if (maxExclusive <= 0x100000000) {
      const limit = 0x100000000 - (0x100000000 % maxExclusive);
      for (;;) {
        const x = this.nextUint32();
        if (x < limit) return x % maxExclusive;
      }
    }
    return Math.floor(this.next() * maxExclusive);
  }

  fork(): Rng {
    return createRng(hashSeed(this.nextUint32(), this.nextUint32()));
  }

  state(): RngState {
    const s = this.#s;
    return [s[0]!, s[1]!, s[2]!, s[3]!];
  }

  setState(state: RngState): void {
    for (let i = 0; i < 4; i++) this.#s[i] = state[i]! >>> 0;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** Creates a seeded generator. Any finite number is a valid seed; equal seeds give equal streams. */
export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new RangeError(`createRng() expects a finite seed, but got ${seed}`);
  const sm = splitmix32(Number.isInteger(seed) && seed >= 0 && seed < 0x100000000 ? seed : hashSeed(seed));
  const s: [number, number, number, number] = [sm(), sm(), sm(), sm()];
  if ((s[0] | s[1] | s[2] | s[3]) === 0) s[0] = 1; // the all-zero state is a fixed point
  return new Xoshiro128(s);
}

/** Returns a random permutation of `0 … n-1` (Fisher–Yates, driven by `rng`). */
export function randomPermutation(n: number, rng: Rng): Uint32Array {
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  shuffleInPlace(out, rng);
  return out;
}

/** Fisher–Yates shuffle in place; returns the same array. */
export function shuffleInPlace<A extends { length: number; [i: number]: unknown }>(array: A, rng: Rng): A {
  for (let i = array.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = array[i];
    array[i] = array[j];
    array[j] = tmp;
  }
  return array;
}
