import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readNpy } from '@mirkit/core';
import { requireFixtures } from '@mirkit/core/testing';
import { describe, expect, it } from 'vitest';
import { relFrobenius, testSignal } from '../test-utils/signals.js';
import { cqt, cqtFrequencies, hcqt } from './cqt.js';

const tutorial = requireFixtures('mir-tutorial');

/** max |est − ref| / max |ref|. */
function maxAbsRelToPeak(est: Float32Array, ref: Float32Array): number {
  let max = 0;
  let worst = 0;
  for (let i = 0; i < ref.length; i++) {
    max = Math.max(max, Math.abs(ref[i]!));
    worst = Math.max(worst, Math.abs(est[i]! - ref[i]!));
  }
  return worst / max;
}

/** Fraction of h=1 frames (max > 1e-2·global max) whose argmax bin agrees. */
function argmaxAgreement(est: Float32Array, ref: Float32Array, bins: number, frames: number, offset: number): number {
  let globalMax = 0;
  for (let i = 0; i < bins * frames; i++) globalMax = Math.max(globalMax, ref[offset + i]!);
  let active = 0;
  let agree = 0;
  for (let t = 0; t < frames; t++) {
    let bestR = -1;
    let argR = 0;
    let bestE = -1;
    let argE = 0;
    for (let b = 0; b < bins; b++) {
      const r = ref[offset + b * frames + t]!;
      const e = est[offset + b * frames + t]!;
      if (r > bestR) [bestR, argR] = [r, b];
      if (e > bestE) [bestE, argE] = [e, b];
    }
    if (bestR > 1e-2 * globalMax) {
      active++;
      if (argR === argE) agree++;
    }
  }
  return agree / active;
}

describe('cqt', () => {
  it('puts a pure tone in its bin and rejects filters above Nyquist', () => {
    const sr = 22050;
    const y = Float32Array.from({ length: sr }, (_v, i) => Math.sin((2 * Math.PI * 440 * i) / sr));
    const r = cqt(y, { sr, fmin: 55, nBins: 48 });
    expect(r.frames).toBe(1 + Math.floor(sr / 512));
    const t = 20;
    let best = 0;
    for (let b = 1; b < 48; b++) if (r.data[b * r.frames + t]! > r.data[best * r.frames + t]!) best = b;
    expect(best).toBe(36);
    expect(() => cqt(testSignal(4096), { sr, fmin: 5000, nBins: 48 })).toThrow(/above Nyquist/);
  });

  it('frequencies are fmin·2^(k/bpo)', () => {
    const f = cqtFrequencies(360, 32.7, 60);
    expect(f[0]).toBe(32.7);
    expect(f[359]! / 2068.76).toBeCloseTo(1, 5);
  });
});

describe.skipIf(!tutorial)('HCQT vs librosa (tutorial fixture)', () => {
  const dir = tutorial ? join(tutorial, 'expected/features') : '';
  const index = tutorial ? (JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as Record<string, unknown>) : {};

  it.each(['c00_scale_a4', 'c02_drums_120', 'c10_silence_then_chord'])('MPE HCQT (6, 360, T) of %s reaches the faithful tier', async (clip) => {
    const y = (await readNpy(join(dir, clip, 'waveform_value.npy'))).data as Float32Array;
    const ref = await readNpy(join(dir, clip, 'hcqt_value.npy'));
    const r = hcqt(y, { sr: 22050, fmin: 32.7, hopLength: 512, binsPerOctave: 60, nBins: 360 });
    expect([r.harmonics, r.nBins, r.frames]).toEqual(ref.shape);
    expect(r.frames).toBe(1 + Math.floor(y.length / 512));
    const refData = ref.data as Float32Array;
    // faithful tier: relative Frobenius ≤ 1e-5 and |Δ| ≤ 1e-5·max|ref| (measured: ≤ 8e-7 and ≤ 2.1e-6·max)
    expect(relFrobenius(r.data, refData)).toBeLessThanOrEqual(1e-5);
    expect(maxAbsRelToPeak(r.data, refData)).toBeLessThanOrEqual(1e-5);
    expect(argmaxAgreement(r.data, refData, 360, r.frames, 360 * r.frames)).toBeGreaterThanOrEqual(0.9);
  });

  it.each(['c00_scale_a4', 'c02_drums_120', 'c10_silence_then_chord'])('chord CQT (1, 72, T) of %s reaches the faithful tier (≤ 1e-5)', async (clip) => {
    const y = (await readNpy(join(dir, clip, 'waveform_value.npy'))).data as Float32Array;
    const ref = await readNpy(join(dir, clip, 'hcqt_chord_value.npy'));
    const r = hcqt(y, { sr: 22050, fmin: 32.7, hopLength: 512, binsPerOctave: 12, nBins: 72, harmonics: [1] });
    expect([r.harmonics, r.nBins, r.frames]).toEqual(ref.shape);
    const refData = ref.data as Float32Array;
    expect(relFrobenius(r.data, refData)).toBeLessThanOrEqual(1e-5);
    expect(maxAbsRelToPeak(r.data, refData)).toBeLessThanOrEqual(1e-5);
  });

  it('frequency vector matches the stored h=1 grid (relative 1e-12)', () => {
    const entry = (index.entries as { clip_id: string; hcqt?: { frequency_hz?: number[] } }[]).find((e) => e.hcqt?.frequency_hz);
    const stored = entry!.hcqt!.frequency_hz!;
    const ours = cqtFrequencies(360, 32.7, 60);
    expect(stored).toHaveLength(360);
    for (let k = 0; k < 360; k++) expect(Math.abs(ours[k]! / stored[k]! - 1)).toBeLessThan(1e-12);
  });
});
