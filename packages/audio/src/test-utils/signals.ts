import { createRng } from '@mirkit/core';

/** Deterministic test tone + noise (no Math.random). */
export function testSignal(n: number, sr = 22050, seed = 7): Float32Array {
  const rng = createRng(seed);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const t = i / sr;
    out[i] = 0.5 * Math.sin(2 * Math.PI * 440 * t) + 0.2 * Math.sin(2 * Math.PI * 3150.5 * t) + 0.05 * (rng.next() * 2 - 1);
  }
  return out;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

export function relFrobenius(est: ArrayLike<number>, ref: ArrayLike<number>): number {
  let e = 0;
  let r = 0;
  for (let i = 0; i < ref.length; i++) {
    const d = est[i]! - ref[i]!;
    e += d * d;
    r += ref[i]! * ref[i]!;
  }
  return Math.sqrt(e / r);
}
