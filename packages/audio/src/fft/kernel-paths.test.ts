import { afterEach, describe, expect, it } from 'vitest';
import { hcqt } from '../cqt/cqt.js';
import { logSpect } from '../features/log-spect.js';
import { decimate } from '../resample/halve.js';
import { resampleSincHann } from '../resample/sinc-hann.js';
import { melSpectrogram } from '../spectral/mel-spectrogram.js';
import { maxAbsDiff, testSignal } from '../test-utils/signals.js';
import { kernelAvailable, setKernelEnabled } from './complex-fft.js';

/** Runs `fn` with the WebAssembly kernel and with the scalar JavaScript paths. */
function bothPaths<T>(fn: () => T): [T, T] {
  setKernelEnabled(true);
  const withKernel = fn();
  setKernelEnabled(false);
  try {
    return [withKernel, fn()];
  } finally {
    setKernelEnabled(true);
  }
}

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
  return m;
}

describe('WebAssembly kernel paths equal the scalar JavaScript paths', () => {
  afterEach(() => setKernelEnabled(true));
  const y = testSignal(3 * 22050 + 123, 22050, 11);

  it('the kernel is available on Node and can be turned off', () => {
    expect(kernelAvailable()).toBe(true);
    setKernelEnabled(false);
    expect(kernelAvailable()).toBe(false);
  });

  it.each([
    ['power, n_fft 2048', { sr: 22050, nFft: 2048, hopLength: 512, nMels: 128 }],
    ['magnitude, n_fft 512, reflect padding, HTK', { sr: 22050, nFft: 512, hopLength: 160, nMels: 40, power: 1, padMode: 'reflect' as const, htk: true }],
    ['n_fft 64, not centred', { sr: 16000, nFft: 64, hopLength: 16, nMels: 8, center: false }],
  ])('melSpectrogram (%s)', (_, options) => {
    const [a, b] = bothPaths(() => melSpectrogram(y, options));
    expect(a.frames).toBe(b.frames);
    expect(maxAbsDiff(a.data, b.data)).toBeLessThanOrEqual(1e-12 * maxAbs(b.data));
  });

  it('logSpect (Bluestein 1411 over a 3072-point transform)', () => {
    const [a, b] = bothPaths(() => logSpect(y));
    expect(a.frames).toBe(b.frames);
    expect(maxAbsDiff(a.data, b.data)).toBeLessThanOrEqual(1e-12);
  });

  it('hcqt', () => {
    const options = { sr: 22050, fmin: 32.7, hopLength: 512, binsPerOctave: 12, nBins: 72, harmonics: [1, 2] };
    const [a, b] = bothPaths(() => hcqt(y, options));
    expect(maxAbsDiff(a.data, b.data)).toBeLessThanOrEqual(1e-12 * maxAbs(b.data));
  });

  it('resampleSincHann 44.1k → 16k and soxr-like decimation', () => {
    const [a, b] = bothPaths(() => resampleSincHann(y, 44100, 16000));
    expect(a.length).toBe(b.length);
    expect(maxAbsDiff(a, b)).toBeLessThanOrEqual(1e-7);
    const x = Float64Array.from(y);
    const [c, d] = bothPaths(() => decimate(x, 4, { scale: true }));
    expect(maxAbsDiff(c, d)).toBeLessThanOrEqual(1e-12);
  });
});
