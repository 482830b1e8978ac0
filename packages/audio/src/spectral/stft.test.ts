import { describe, expect, it } from 'vitest';
import { RealFft } from '../fft/real-fft.js';
import { maxAbsDiff, testSignal } from '../test-utils/signals.js';
import { powerToDb, amplitudeToDb, logCompress } from './db.js';
import { frame, framesToTime, patches } from './frames.js';
import { spectrogram, stft, stftFrameCount } from './stft.js';
import { getWindow } from './window.js';

function naiveDft(x: ArrayLike<number>): { re: number[]; im: number[] } {
  const n = x.length;
  const re: number[] = [];
  const im: number[] = [];
  for (let k = 0; k <= n >> 1; k++) {
    let a = 0;
    let b = 0;
    for (let i = 0; i < n; i++) {
      const ang = (-2 * Math.PI * ((k * i) % n)) / n;
      a += x[i]! * Math.cos(ang);
      b += x[i]! * Math.sin(ang);
    }
    re.push(a);
    im.push(b);
  }
  return { re, im };
}

describe('RealFft', () => {
  it.each([1, 2, 5, 7, 16, 90, 100, 1411, 2048])('matches a direct DFT for n = %i', (n) => {
    const x = testSignal(n, 22050, n);
    const fft = new RealFft(n);
    const re = new Float64Array(fft.bins);
    const im = new Float64Array(fft.bins);
    fft.forward(x, re, im);
    const ref = naiveDft(x);
    const scale = Math.max(1, ...ref.re.map(Math.abs));
    expect(maxAbsDiff(re, ref.re) / scale).toBeLessThan(1e-12);
    expect(maxAbsDiff(im, ref.im) / scale).toBeLessThan(1e-12);
  });
});

describe('RealFft.forward2', () => {
  it.each([16, 1411])('transforms two real signals at once (n = %i)', (n) => {
    const a = testSignal(n, 22050, 1);
    const b = testSignal(n, 22050, 2);
    const fft = new RealFft(n);
    const out = Array.from({ length: 6 }, () => new Float64Array(fft.bins));
    fft.forward2(a, b, out[0]!, out[1]!, out[2]!, out[3]!);
    fft.forward(a, out[4]!, out[5]!);
    expect(maxAbsDiff(out[0]!, out[4]!)).toBeLessThan(1e-10);
    expect(maxAbsDiff(out[1]!, out[5]!)).toBeLessThan(1e-10);
    fft.forward(b, out[4]!, out[5]!);
    expect(maxAbsDiff(out[2]!, out[4]!)).toBeLessThan(1e-10);
    expect(maxAbsDiff(out[3]!, out[5]!)).toBeLessThan(1e-10);
  });
});

describe('getWindow', () => {
  it('gives periodic and symmetric Hann and Hamming', () => {
    const hann = getWindow('hann', 4);
    [0, 0.5, 1, 0.5].forEach((v, i) => expect(hann[i]).toBeCloseTo(v, 15));
    const sym = getWindow('hann', 5, false);
    expect(sym[0]).toBe(0);
    expect(sym[4]).toBeCloseTo(0, 15);
    expect(sym[2]).toBe(1);
    const ham = getWindow('hamming', 8);
    expect(ham[0]).toBeCloseTo(0.08, 15);
    expect(ham[4]).toBeCloseTo(1, 15);
    expect(() => getWindow('hann', 0)).toThrow(/positive integer/);
  });
});

describe('stft', () => {
  const y = testSignal(5000);

  it('frames: 1 + n // hop when centred, 1 + (n − n_fft) // hop otherwise', () => {
    expect(stftFrameCount(5000, { nFft: 512, hopLength: 128 })).toBe(40);
    expect(stftFrameCount(5000, { nFft: 512, hopLength: 128, center: false })).toBe(36);
    expect(stftFrameCount(100, { nFft: 512, hopLength: 128, center: false })).toBe(0);
  });

  it('equals a direct windowed DFT for every pad mode, n_fft 1411 and win_length < n_fft', () => {
    for (const padMode of ['constant', 'reflect', 'edge'] as const) {
      const opts = { nFft: 1411, hopLength: 441, winLength: 1000, padMode };
      const s = stft(y, opts);
      expect(s.bins).toBe(706);
      const w = getWindow('hann', 1000);
      const win = new Float64Array(1411);
      win.set(w, 205);
      for (const t of [0, 3, s.frames - 1]) {
        const frameVals = new Float64Array(1411);
        for (let i = 0; i < 1411; i++) {
          let idx = t * 441 - 705 + i;
          let v: number;
          if (idx >= 0 && idx < y.length) v = y[idx]!;
          else if (padMode === 'constant') v = 0;
          else if (padMode === 'edge') v = y[idx < 0 ? 0 : y.length - 1]!;
          else {
            if (idx < 0) idx = -idx;
            if (idx >= y.length) idx = 2 * (y.length - 1) - idx;
            v = y[idx]!;
          }
          frameVals[i] = v * win[i]!;
        }
        const ref = naiveDft(frameVals);
        const col = (a: Float32Array) => Array.from({ length: s.bins }, (_v, k) => a[k * s.frames + t]!);
        expect(maxAbsDiff(col(s.re), ref.re), padMode).toBeLessThan(2e-4);
        expect(maxAbsDiff(col(s.im), ref.im), padMode).toBeLessThan(2e-4);
      }
    }
  });

  it('magnitude and power spectrograms agree with the complex STFT', () => {
    const s = stft(y, { nFft: 256, hopLength: 64, window: 'hamming' });
    const mag = spectrogram(y, { nFft: 256, hopLength: 64, window: 'hamming' });
    const pow = spectrogram(y, { nFft: 256, hopLength: 64, window: 'hamming', power: 2 });
    for (let i = 0; i < s.re.length; i += 37) {
      const p = s.re[i]! ** 2 + s.im[i]! ** 2;
      expect(mag.data[i]).toBeCloseTo(Math.sqrt(p), 4);
      expect(pow.data[i]! / p).toBeCloseTo(1, 5);
    }
  });

  it('rejects bad parameters', () => {
    expect(() => stft(y, { nFft: 256, winLength: 512 })).toThrow(/win_length/);
    expect(() => stft(y, { nFft: 256, hopLength: 0 })).toThrow(/hop_length/);
    expect(() => stft(new Float32Array(10), { nFft: 256, padMode: 'reflect' })).toThrow(/reflect padding/);
  });
});

describe('dB and log compression', () => {
  it('power_to_db with ref, amin and top_db like librosa', () => {
    expect(Array.from(powerToDb([1, 10, 100, 0], { topDb: null }))).toEqual([0, 10, 20, -100]);
    expect(Array.from(powerToDb([1, 10, 100, 1e-12], { topDb: 15 }))).toEqual([5, 10, 20, 5]);
    expect(Array.from(powerToDb([1, 10, 100], { ref: (x) => Math.max(...Array.from(x)), topDb: null }))).toEqual([-20, -10, 0]);
    expect(Array.from(amplitudeToDb([1, 10, 0.1], { topDb: null }))).toEqual([0, 20, -20]);
    expect(logCompress([0, 1e-4])[1]).toBeCloseTo(Math.log(2), 6);
  });
});

describe('frame / patches (tutorial rule)', () => {
  it('frames like librosa.util.frame', () => {
    const f = frame(Float32Array.from({ length: 10 }, (_v, i) => i), 4, 3);
    expect(f.frames).toBe(3);
    expect(Array.from(f.data.subarray(0, 3))).toEqual([0, 3, 6]);
    expect(Array.from(f.data.subarray(9, 12))).toEqual([3, 6, 9]);
  });

  it.each([
    [250, 64, 32, 6],
    [64, 64, 32, 1],
    [63, 64, 32, 0],
    [100, 64, 32, 2],
    [628, 64, 32, 18],
    [647, 64, 32, 19],
    [1087, 64, 32, 32],
    [661794, 3200, 1000, 659],
  ])('patches(%i, %i, %i) has %i patches', (total, len, hop, count) => {
    const p = patches(total, len, hop);
    expect(p).toHaveLength(count);
    if (count > 0) expect(p[count - 1]).toEqual({ start: (count - 1) * hop, end: (count - 1) * hop + len });
  });

  it('frame times are (n·hop)/sr', () => {
    expect(framesToTime(28, 1024, 22050)[27]).toBe((27 * 1024) / 22050);
  });
});
