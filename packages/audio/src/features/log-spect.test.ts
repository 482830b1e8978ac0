import { join } from 'node:path';
import { readNpy } from '@mirkit/core';
import { requireFixtures } from '@mirkit/core/testing';
import { describe, expect, it } from 'vitest';
import { decode } from '../decode/decode.js';
import { resample } from '../resample/resample.js';
import { downmix } from '../signal/mix.js';
import { logFilterbank } from '../filterbank/log-triangular.js';
import { denseFilterbank } from '../filterbank/sparse.js';
import { maxAbsDiff } from '../test-utils/signals.js';
import { logSpect, logSpectFrameCount } from './log-spect.js';

const beatnet = requireFixtures('beatnet');

describe('logFilterbank (madmom LogarithmicFilterbank)', () => {
  it('has 136 bands over the documented unique bins, 38 single-bin bands', () => {
    const fb = logFilterbank({ numBins: 705, sr: 22050, bandsPerOctave: 24 });
    expect(fb.weights).toHaveLength(136);
    expect(fb.starts[0]).toBe(2);
    expect(fb.weights[0]!.length).toBe(2);
    expect(fb.weights.filter((w) => w.filter((v) => v !== 0).length === 1)).toHaveLength(38);
    expect(fb.starts[135]).toBe(675);
    for (const w of fb.weights) expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });
});

describe.skipIf(!beatnet)('BeatNet LOG_SPECT features (abs ≤ 5e-6)', () => {
  const dir = beatnet ?? '';

  it('filterbank equals madmom bit for bit', async () => {
    const ref = await readNpy(join(dir, 'expected/filterbank_log24_30_17000.npy'));
    expect(ref.shape).toEqual([705, 136]);
    const dense = denseFilterbank(logFilterbank({ numBins: 705, sr: 22050, bandsPerOctave: 24 }));
    const r = ref.data as Float32Array;
    for (let k = 0; k < 705; k++) for (let b = 0; b < 136; b++) expect(dense[b * 705 + k]).toBe(r[k * 136 + b]);
  });

  it.each([
    ['808kick120bpm', '808kick120bpm_22050.wav'],
    ['synth_a', 'synth_a.wav'],
    ['synth_b', 'synth_b.wav'],
    ['synth_c', 'synth_c.wav'],
  ])('%s', async (clip, file) => {
    const audio = await decode(join(dir, 'audio', file));
    expect(audio.sampleRate).toBe(22050);
    const ref = await readNpy(join(dir, `expected/features_${clip}.npy`));
    const f = logSpect(audio.channels[0]!);
    expect(f.frames).toBe(logSpectFrameCount(audio.channels[0]!.length, 441));
    expect([f.frames, f.dims]).toEqual(ref.shape);
    expect(maxAbsDiff(f.data, ref.data as Float32Array)).toBeLessThanOrEqual(5e-6);
    // first frame's difference half is zero
    expect(f.data.subarray(136, 272).every((v) => v === 0)).toBe(true);
  });

  it('FLAC row: 44.1 kHz stereo FLAC → downmix → soxr_hq-like → features within the strict 5e-6', async () => {
    const audio = await decode(join(dir, 'audio/synth_c_44k_stereo.flac'));
    const y = resample(downmix(audio.channels), 44100, 22050, { method: 'soxr_hq' });
    const ref = await readNpy(join(dir, 'expected/features_synth_c_flac.npy'));
    const f = logSpect(y);
    expect([f.frames, f.dims]).toEqual(ref.shape);
    expect(maxAbsDiff(f.data, ref.data as Float32Array)).toBeLessThanOrEqual(5e-6);
  });
});
