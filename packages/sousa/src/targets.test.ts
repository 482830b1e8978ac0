import { describe, expect, it } from 'vitest';
import { encodeLabel, numClassesOf, scaleScore, targetKind } from './targets.js';
import { rudimentId } from './rudiment-ids.js';

const row = { skill_tier: 'advanced' as const, rudiment_slug: 'flam', overall_score: 61.5, groove_feel_proxy: 0.5, flam_quality: null };

describe('label encoding per target kind', () => {
  it('classifies targets and rejects unknown columns', () => {
    expect(targetKind('skill_tier')).toBe('skill_tier');
    expect(targetKind('rudiment_slug')).toBe('rudiment_slug');
    expect(targetKind('overall_score')).toBe('score');
    expect(targetKind(['overall_score', 'tier_confidence'])).toBe('scores');
    expect(() => targetKind('velocity_accuracy' as never)).toThrow(/score column/);
    expect(() => targetKind([])).toThrow(/at least one/);
    expect(numClassesOf('skill_tier', 6)).toBe(4);
    expect(numClassesOf('rudiment_slug', 6)).toBe(6);
    expect(numClassesOf('overall_score', 6)).toBeNull();
  });

  it('encodes ids and float32 scores, with and without upstreamCompat', () => {
    expect(encodeLabel(row, 'skill_tier', rudimentId).label).toBe(2);
    expect(encodeLabel(row, 'rudiment_slug', rudimentId).label).toBe(10);
    expect(encodeLabel(row, 'overall_score', rudimentId).label).toBe(Math.fround(0.615));
    expect(encodeLabel(row, 'groove_feel_proxy', rudimentId).label).toBe(0.5);
    expect(encodeLabel(row, 'groove_feel_proxy', rudimentId, { upstreamCompat: true }).label).toBe(Math.fround(0.005));
    expect(encodeLabel(row, 'flam_quality', rudimentId).label).toBeNaN();
    expect(scaleScore('timing_accuracy', 50)).toBe(0.5);
  });

  it('encodes list targets with a mask (fixed) or raw (upstreamCompat)', () => {
    const fixed = encodeLabel(row, ['overall_score', 'groove_feel_proxy', 'flam_quality'], rudimentId);
    expect(Array.from(fixed.label as Float32Array)).toEqual([Math.fround(0.615), 0.5, Number.NaN]);
    expect(Array.from((fixed as { labelMask: Float32Array }).labelMask)).toEqual([1, 1, 0]);
    const compat = encodeLabel(row, ['overall_score', 'groove_feel_proxy'], rudimentId, { upstreamCompat: true });
    expect(Array.from(compat.label as Float32Array)).toEqual([61.5, 0.5]);
  });
});
