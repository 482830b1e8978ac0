import { requireFixtures } from '@mirkit/core/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RUDIMENTS, SKILL_TIERS, SKILL_TIER_BINARY, SKILL_TIER_TO_ID } from './constants.js';
import { RUDIMENT_SLUGS, categoryOf, isRudimentSlug, rudimentId, rudimentInfo, upstreamRudimentMapping } from './rudiment-ids.js';

const dir = requireFixtures('sousa');

describe('rudiment and tier constants', () => {
  it('PAS numbers are 1–40 in order and categories follow the PAS ranges', () => {
    expect(RUDIMENTS.map((r) => r.pasNumber)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    for (const r of RUDIMENTS) {
      const want = r.pasNumber <= 15 ? 'roll' : r.pasNumber <= 19 ? 'diddle' : r.pasNumber <= 30 ? 'flam' : 'drag';
      expect(categoryOf(r.slug)).toBe(want);
    }
    expect(categoryOf('pataflafla')).toBe('flam');
    expect(categoryOf('swiss_army_triplet')).toBe('flam');
  });

  it('ids are the code-point sort of the slugs (flam_tap < flamacue)', () => {
    expect(rudimentId('double_drag_tap')).toBe(0);
    expect(rudimentId('flam_tap')).toBeLessThan(rudimentId('flamacue'));
    expect(rudimentId('triple_stroke_roll')).toBe(39);
    expect(isRudimentSlug('double_stroke_roll')).toBe(false); // the docs' stale slug
    expect(() => rudimentId('double_stroke_roll')).toThrow(/Unknown rudiment slug/);
    expect(upstreamRudimentMapping(['flam', 'drag', 'flam']).rudiments).toEqual(['drag', 'flam']);
  });

  it.skipIf(!dir)('equal the upstream constants in expected/labels.json', () => {
    const labels = JSON.parse(readFileSync(join(dir!, 'expected', 'labels.json'), 'utf8')) as {
      SKILL_TIER_LABELS: string[];
      SKILL_TIER_TO_ID: Record<string, number>;
      skill_tier_binary: Record<string, string[]>;
      all_40_rudiments: { id_if_all_40_present: number; slug: string; pas_number: number; category: string; name: string; is_buzz: boolean }[];
      all_40_rudiments_pas_order: unknown[];
    };
    expect([...SKILL_TIERS]).toEqual(labels.SKILL_TIER_LABELS);
    expect(SKILL_TIER_TO_ID).toEqual(labels.SKILL_TIER_TO_ID);
    expect(SKILL_TIER_BINARY).toEqual(labels.skill_tier_binary);
    expect(RUDIMENT_SLUGS).toEqual(labels.all_40_rudiments.map((r) => r.slug));
    for (const r of labels.all_40_rudiments) {
      expect(rudimentId(r.slug)).toBe(r.id_if_all_40_present);
      expect(rudimentInfo(r.slug)).toEqual({ slug: r.slug, pasNumber: r.pas_number, category: r.category, name: r.name, isBuzz: r.is_buzz });
    }
  });
});
