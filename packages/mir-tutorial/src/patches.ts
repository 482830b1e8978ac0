import { ConfigError } from '@mirkit/core';

/** A patch `[startFrame, endFrame)` (end exclusive). */
export interface Patch {
  startFrame: number;
  endFrame: number;
}

/**
 * The tutorial's `f_get_patches(total_len, patch_len, patch_hopsize)` (`feature.py`): `floor((T − L)/S + 1)` full
 * patches starting at `k·S`; the partial tail is dropped and `T < L` gives none (quirk Q7 / T1).
 *
 * @throws ConfigError `ERR_INVALID_OPTION` unless `patchLength` and `hopSize` are positive integers and
 *   `totalLength` a non-negative integer.
 */
export function getPatches(totalLength: number, patchLength: number, hopSize: number): Patch[] {
  for (const [name, v, min] of [['totalLength', totalLength, 0], ['patchLength', patchLength, 1], ['hopSize', hopSize, 1]] as const) {
    if (!Number.isInteger(v) || v < min) throw new ConfigError('ERR_INVALID_OPTION', `${name} should be an integer ≥ ${min}, but got ${v}`);
  }
  const count = Math.floor((totalLength - patchLength) / hopSize + 1);
  return Array.from({ length: Math.max(0, count) }, (_, k) => ({ startFrame: k * hopSize, endFrame: k * hopSize + patchLength }));
}
