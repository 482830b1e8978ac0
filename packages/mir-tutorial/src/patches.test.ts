import { requireFixtures } from '@mirkit/core/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getPatches } from './patches.js';

const dir = requireFixtures('mir-tutorial');

describe('getPatches', () => {
  it('documented golden values', () => {
    expect(getPatches(250, 64, 32).map((p) => p.startFrame)).toEqual([0, 32, 64, 96, 128, 160]);
    expect([getPatches(64, 64, 32).length, getPatches(63, 64, 32).length, getPatches(661794, 3200, 1000).length]).toEqual([1, 0, 659]);
    expect(() => getPatches(10, 0, 1)).toThrow(/patchLength/);
    expect(() => getPatches(10, 2, 0)).toThrow(/hopSize/);
  });

  it.skipIf(!dir)('equals f_get_patches on the 22 combos and the per-clip lists of expected/patches.json', () => {
    const p = JSON.parse(readFileSync(join(dir!, 'expected', 'patches.json'), 'utf8')) as {
      combos: { total_len: number; patch_len: number; patch_hopsize: number; nb_patch: number; patches: [number, number][] }[];
      per_clip: { lms_T: number; lms_patches_64_32: [number, number][]; hcqt_T: number; hcqt_patches_64_32: [number, number][]; waveform_N: number; waveform_nb_patches_3200_1000: number; chord_hcqt_nb_patches_1024_128: number }[];
    };
    expect(p.combos).toHaveLength(22);
    for (const c of p.combos) {
      const got = getPatches(c.total_len, c.patch_len, c.patch_hopsize);
      expect(got.map((x) => [x.startFrame, x.endFrame])).toEqual(c.patches);
      expect(got).toHaveLength(c.nb_patch);
    }
    for (const c of p.per_clip) {
      expect(getPatches(c.lms_T, 64, 32).map((x) => [x.startFrame, x.endFrame])).toEqual(c.lms_patches_64_32);
      expect(getPatches(c.hcqt_T, 64, 32).map((x) => [x.startFrame, x.endFrame])).toEqual(c.hcqt_patches_64_32);
      expect(getPatches(c.waveform_N, 3200, 1000)).toHaveLength(c.waveform_nb_patches_3200_1000);
      expect(getPatches(c.hcqt_T, 1024, 128)).toHaveLength(c.chord_hcqt_nb_patches_1024_128);
    }
  });
});
