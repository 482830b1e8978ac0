import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readNpy } from '@mirkit/core';
import { requireFixtures } from '@mirkit/core/testing';
import { describe, expect, it } from 'vitest';
import { decode } from '../decode/decode.js';
import { downmix, peakNormalize } from '../signal/mix.js';
import { RESAMPLE_POLY_GOLDEN } from '../test-utils/goldens.js';
import { maxAbsDiff, relFrobenius, testSignal } from '../test-utils/signals.js';
import { decimate, halfbandFilter, halfbandPrestage, halve, SOXR_HQ_LIKE } from './halve.js';
import { firwinKaiser, resamplePoly } from './poly.js';
import { resample } from './resample.js';
import { resampleSincHann, sincHannKernel, sincHannOutputLength } from './sinc-hann.js';

const sousa = requireFixtures('sousa');
const beatnet = requireFixtures('beatnet');

describe('resampleSincHann (torchaudio Resample)', () => {
  it('builds the documented kernel geometry', () => {
    const k = sincHannKernel(44100, 16000);
    expect([k.orig, k.target, k.width, k.kernel.length]).toEqual([441, 160, 17, 160 * 475]);
    const k2 = sincHannKernel(44100, 22050);
    expect([k2.orig, k2.target, k2.width, k2.kernel.length]).toEqual([2, 1, 13, 28]);
  });

  it('uses the ceil(new·n/orig) output length', () => {
    expect([44100, 44101, 441, 1].map((n) => sincHannOutputLength(n, 44100, 16000))).toEqual([16000, 16001, 160, 1]);
    expect(resampleSincHann(new Float32Array(44101), 44100, 16000)).toHaveLength(16001);
  });

  interface Item {
    waveform_file: string | null;
    audio_path: string;
    waveform_length: number;
    waveform_stats: { sum_abs_f64: number; sum_sq_f64: number; first8: number[]; last8: number[] };
  }

  describe.skipIf(!sousa)('SOUSA loader waveforms (atol 1e-5)', () => {
    it.each(['config_a', 'config_c', 'config_d', 'config_e'])('%s', async (config) => {
      const dir = join(sousa!, 'expected', config);
      const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
        items: Item[];
        output_sample_rate: number;
        max_length_samples: number | null;
      };
      const items = manifest.items.slice(0, config === 'config_e' ? 6 : 8);
      for (const item of items) {
        const audio = await decode(join(sousa!, 'dataset', item.audio_path));
        let y = peakNormalize(resampleSincHann(downmix(audio.channels), 44100, manifest.output_sample_rate), { inPlace: true });
        if (manifest.max_length_samples !== null && y.length > manifest.max_length_samples) y = y.subarray(0, manifest.max_length_samples);
        expect(y.length).toBe(item.waveform_length);
        if (item.waveform_file !== null) {
          const ref = (await readNpy(join(dir, item.waveform_file))).data as Float32Array;
          expect(maxAbsDiff(y, ref)).toBeLessThanOrEqual(1e-5);
        } else {
          let sumAbs = 0;
          let sumSq = 0;
          for (const v of y) {
            sumAbs += Math.abs(v);
            sumSq += v * v;
          }
          expect(Math.abs(sumAbs / item.waveform_stats.sum_abs_f64 - 1)).toBeLessThan(1e-5);
          expect(Math.abs(sumSq / item.waveform_stats.sum_sq_f64 - 1)).toBeLessThan(1e-5);
          expect(maxAbsDiff(y.subarray(0, 8), item.waveform_stats.first8)).toBeLessThanOrEqual(1e-5);
          expect(maxAbsDiff(y.subarray(y.length - 8), item.waveform_stats.last8)).toBeLessThanOrEqual(1e-5);
        }
      }
    });
  });
});

describe('resamplePoly (scipy resample_poly)', () => {
  const x = new Float32Array(64);
  for (let i = 0; i < 64; i++) x[i] = 0.8 * Math.sin(i * 0.37) + 0.3 * Math.cos(i * 1.91);

  it('down-sampling by 3 (20 kept tap pairs) equals the direct sum with scipy\'s filter and offsets', () => {
    const x = testSignal(500, 22050, 3);
    const y = resamplePoly(x, 1, 3);
    // firwin(2·10·3 + 1, 1/3), Kaiser β = 5; pre-pad 3 − 30 % 3 = 3, drop floor(33 / 3) = 11 outputs: p0 = 30
    const h = firwinKaiser(61, 1 / 3, 5);
    const ref = Array.from({ length: Math.ceil(500 / 3) }, (_, k) => {
      let acc = 0;
      for (let j = 0; j < 61; j++) {
        const i = 3 * k + 30 - j;
        if (i >= 0 && i < 500) acc += h[j]! * x[i]!;
      }
      return acc;
    });
    expect(y).toHaveLength(ref.length);
    expect(maxAbsDiff(y, ref)).toBeLessThan(1e-7);
  });

  it.each(Object.keys(RESAMPLE_POLY_GOLDEN))('matches scipy for up/down = %s', (key) => {
    const [up, down] = key.split('/').map(Number) as [number, number];
    const ref = RESAMPLE_POLY_GOLDEN[key]!;
    const y = resamplePoly(x, up, down);
    expect(y).toHaveLength(ref.length);
    expect(maxAbsDiff(y, ref)).toBeLessThan(1e-6);
  });

  it('is the identity for equal rates and dispatches through resample()', () => {
    expect(resamplePoly(x, 3, 3)).toEqual(x);
    expect(resample(x, 44100, 22050, { method: 'poly' })).toEqual(resamplePoly(x, 1, 2));
    expect(() => resample(x, 44100, 16000, { method: 'soxr_hq' })).toThrow(/power-of-two/);
  });
});

describe.skipIf(!beatnet)('soxr_hq-like 2:1 decimation vs librosa.load(sr=22050) (soxr_hq)', () => {
  it('reproduces soxr_hq to float32 precision on synth_c (its filter was identified on this clip); resample_poly is far off', async () => {
    const audio = await decode(join(beatnet!, 'audio/synth_c_44k_stereo.flac'));
    const mono = downmix(audio.channels);
    const ref = (await readNpy(join(beatnet!, 'expected/loader_audio_synth_c_flac.npy'))).data as Float32Array;
    const ours = resample(mono, 44100, 22050, { method: 'soxr_hq' });
    expect(ours).toHaveLength(ref.length);
    expect(relFrobenius(ours, ref)).toBeLessThan(1e-6);
    expect(maxAbsDiff(ours, ref)).toBeLessThan(1e-6);
    expect(relFrobenius(resamplePoly(mono, 1, 2), ref)).toBeGreaterThan(1e-2);
  });
});

describe('halve / decimate', () => {
  it('overlap-save equals the direct convolution y[k] = Σ h[i]·x[2k + mid − i]', () => {
    const n = 20011;
    const x = Float64Array.from({ length: n }, (_v, i) => Math.sin(i * 0.3) + 0.3 * Math.cos(i * 1.7));
    const h = halfbandFilter();
    expect(h).toHaveLength(SOXR_HQ_LIKE.taps);
    expect(h.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const mid = (h.length - 1) / 2;
    const y = halve(x, { scale: true });
    expect(y).toHaveLength(10006);
    for (const k of [0, 1, 97, 5000, 10005]) {
      let acc = 0;
      for (let i = 0; i < h.length; i++) {
        const j = 2 * k + mid - i;
        if (j >= 0 && j < n) acc += h[i]! * x[j]!;
      }
      expect(y[k]).toBeCloseTo(acc * Math.SQRT2, 12);
    }
  });

  it('decimates by 4 through a unit-gain half-band pre-stage', () => {
    const c = halfbandPrestage();
    expect(0.5 + 2 * c.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    const x = Float64Array.from({ length: 8000 }, (_v, i) => Math.sin((2 * Math.PI * 100 * i) / 22050));
    const y = decimate(x, 4, { scale: true });
    expect(y).toHaveLength(2000);
    for (let k = 300; k < 1700; k += 97) expect(y[k]! / 2).toBeCloseTo(Math.sin((2 * Math.PI * 100 * 4 * k) / 22050), 5);
    expect(() => decimate(x, 3)).toThrow(/power of two/);
  });

  it('keeps a low tone and removes one above the new Nyquist', () => {
    const sr = 22050;
    const x = Float64Array.from(testSignal(8192, sr, 3), (_v, i) => Math.sin((2 * Math.PI * 1000 * i) / sr) + Math.sin((2 * Math.PI * 7000 * i) / sr));
    const y = halve(x);
    expect(y).toHaveLength(4096);
    let err = 0;
    for (let i = 500; i < 3500; i++) err = Math.max(err, Math.abs(y[i]! - Math.sin((2 * Math.PI * 1000 * 2 * i) / sr)));
    expect(err).toBeLessThan(1e-5);
  });
});
