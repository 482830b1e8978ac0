import { describe, expect, it } from 'vitest';
import { ComplexFft } from './complex-fft.js';

function naiveDft(xr: Float64Array, xi: Float64Array): [Float64Array, Float64Array] {
  const n = xr.length;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let ar = 0;
    let ai = 0;
    for (let t = 0; t < n; t++) {
      const a = (-2 * Math.PI * ((k * t) % n)) / n;
      ar += xr[t]! * Math.cos(a) - xi[t]! * Math.sin(a);
      ai += xr[t]! * Math.sin(a) + xi[t]! * Math.cos(a);
    }
    re[k] = ar;
    im[k] = ai;
  }
  return [re, im];
}

describe('ComplexFft', () => {
  it('uses the WebAssembly SIMD kernel on Node', () => {
    expect(new ComplexFft(64).simd).toBe(true);
    expect(new ComplexFft(64, [], false).simd).toBe(false);
  });

  it.each([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 12, 24, 48, 96, 192, 384, 768])('matches a direct DFT for n = %i (SIMD and scalar paths)', (n) => {
    const xr = Float64Array.from({ length: n }, (_, i) => Math.sin(0.37 * i) + 0.25 * Math.cos(1.3 * i * i));
    const xi = Float64Array.from({ length: n }, (_, i) => 0.5 * Math.cos(0.11 * i) - (i % 3));
    const [er, ei] = naiveDft(xr, xi);
    let scale = 0;
    for (let k = 0; k < n; k++) scale = Math.max(scale, Math.hypot(er[k]!, ei[k]!));
    for (const simd of [true, false]) {
      const fft = new ComplexFft(n, [], simd);
      fft.transform(xr, xi);
      let err = 0;
      for (let k = 0; k < n; k++) err = Math.max(err, Math.abs(fft.re[k]! - er[k]!), Math.abs(fft.im[k]! - ei[k]!));
      expect(err / scale).toBeLessThan(1e-13);
      // default input arrays, and a second run on the same instance
      fft.inRe.set(xr);
      fft.inIm.set(xi);
      fft.transform();
      let err2 = 0;
      for (let k = 0; k < n; k++) err2 = Math.max(err2, Math.abs(fft.re[k]! - er[k]!), Math.abs(fft.im[k]! - ei[k]!));
      expect(err2 / scale).toBeLessThan(1e-13);
    }
  });

  it('rejects sizes other than 2^k and 3·2^k (k ≥ 2)', () => {
    for (const n of [0, 3, 6, 10, 1.5, 36]) expect(() => new ComplexFft(n)).toThrow(/2\^k or 3·2\^k/);
  });

  it('multiplies by a conjugated kernel spectrum (SIMD and scalar paths agree)', () => {
    const outs = [true, false].map((simd) => {
      const fft = new ComplexFft(16, [16, 16], simd);
      fft.transform(
        Float64Array.from({ length: 16 }, (_, i) => i),
        Float64Array.from({ length: 16 }, (_, i) => 1 - i),
      );
      fft.extra[0]!.set(Float64Array.from({ length: 16 }, (_, i) => Math.cos(i)));
      fft.extra[1]!.set(Float64Array.from({ length: 16 }, (_, i) => Math.sin(2 * i)));
      fft.multiplyConjugateInto(0);
      return [Array.from(fft.inRe), Array.from(fft.inIm), Array.from(fft.re), Array.from(fft.im)];
    });
    expect(outs[0]).toEqual(outs[1]);
    const [, , re, im] = outs[0]!;
    const k = 5;
    expect(outs[0]![0]![k]).toBeCloseTo(re![k]! * Math.cos(k) - im![k]! * Math.sin(2 * k), 12);
    expect(outs[0]![1]![k]).toBeCloseTo(-(re![k]! * Math.sin(2 * k) + im![k]! * Math.cos(k)), 12);
  });
});
