import { join } from 'node:path';
import { readNpy } from '@mirkit/core';
import { requireFixtures } from '@mirkit/core/testing';
import { describe, expect, it } from 'vitest';
import { hzToMel, melFilterbank, melToHz } from '../filterbank/mel.js';
import { TORCHAUDIO_MEL_GOLDEN, TORCHAUDIO_MELSPEC_GOLDEN } from '../test-utils/goldens.js';
import { maxAbsDiff } from '../test-utils/signals.js';
import { logCompress } from './db.js';
import { melSpectrogram } from './mel-spectrogram.js';

const tutorial = requireFixtures('mir-tutorial');

describe('mel scale', () => {
  it('Slaney and HTK conversions invert each other', () => {
    for (const f of [0, 440, 999.9, 1000, 8000]) {
      expect(melToHz(hzToMel(f))).toBeCloseTo(f, 9);
      expect(melToHz(hzToMel(f, true), true)).toBeCloseTo(f, 9);
    }
    expect(hzToMel(1000)).toBeCloseTo(15, 12);
    expect(hzToMel(1000, true)).toBeCloseTo(999.9855, 3);
  });

  it.each([
    ['htk', { fmin: 20, fmax: 7000, htk: true, norm: null }],
    ['slaney', { fmin: 0, fmax: 8000, htk: false, norm: 'slaney' }],
  ] as const)('torchaudio melscale_fbanks (%s)', (key, opts) => {
    const fb = melFilterbank({ sr: 16000, nFft: 32, nMels: 5, flavor: 'torchaudio', ...opts });
    const ref = TORCHAUDIO_MEL_GOLDEN[key].flat();
    expect(maxAbsDiff(fb, ref)).toBeLessThan(1e-6);
  });
});

describe('torchaudio MelSpectrogram', () => {
  it('matches transforms.MelSpectrogram defaults (reflect padding, HTK, no norm, power 2)', () => {
    const x = new Float32Array(200);
    for (let i = 0; i < 200; i++) x[i] = 0.8 * Math.sin(i * 0.37) + 0.3 * Math.cos(i * 1.91);
    const m = melSpectrogram(x, { sr: 16000, nFft: 64, hopLength: 16, nMels: 8, htk: true, norm: null, padMode: 'reflect', flavor: 'torchaudio' });
    expect([m.nMels, m.frames]).toEqual([TORCHAUDIO_MELSPEC_GOLDEN.length, TORCHAUDIO_MELSPEC_GOLDEN[0]!.length]);
    const ref = TORCHAUDIO_MELSPEC_GOLDEN.flat();
    for (let i = 0; i < ref.length; i++) expect(Math.abs(m.data[i]! - ref[i]!)).toBeLessThanOrEqual(1e-5 * Math.max(1, ref[i]!));
  });
});

describe.skipIf(!tutorial)('librosa mel filterbank and the tutorial LMS', () => {
  const dir = tutorial ? join(tutorial, 'expected/features') : '';

  it('equals librosa.filters.mel(sr=22050, n_fft=2048, n_mels=128) to float32 precision', async () => {
    const ref = (await readNpy(join(dir, 'mel_filterbank_sr22050_nfft2048_nmels128.npy'))).data as Float32Array;
    const fb = melFilterbank({ sr: 22050, nFft: 2048, nMels: 128 });
    expect(fb).toHaveLength(ref.length);
    let worst = 0;
    for (let i = 0; i < ref.length; i++) worst = Math.max(worst, Math.abs(fb[i]! - ref[i]!) / Math.max(1e-30, Math.abs(ref[i]!)));
    expect(worst).toBeLessThan(2e-7);
  });

  it.each(['c00_scale_a4', 'c02_drums_120', 'c10_silence_then_chord'])('LMS of %s within 1e-5 + 1e-5·|x|', async (clip) => {
    const y = (await readNpy(join(dir, clip, 'waveform_value.npy'))).data as Float32Array;
    const ref = await readNpy(join(dir, clip, 'lms_value.npy'));
    const mel = melSpectrogram(y, { sr: 22050, nFft: 2048, winLength: 2048, hopLength: 1024, nMels: 128 });
    expect([1, mel.nMels, mel.frames]).toEqual(ref.shape);
    const lms = logCompress(mel.data, 10000);
    const r = ref.data as Float32Array;
    for (let i = 0; i < r.length; i++) {
      if (Math.abs(lms[i]! - r[i]!) > 1e-5 + 1e-5 * Math.abs(r[i]!)) {
        expect.fail(`${clip}: LMS[${i}] = ${lms[i]} but librosa gives ${r[i]}`);
      }
    }
  });
});
