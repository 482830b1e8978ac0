import { isMirError } from '@mirkit/core';
import { checkDatasetConformance, requireFixtures } from '@mirkit/core/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCORE_COLUMNS } from './constants.js';
import { loadSousaMetadata, type SousaMetadataOptions } from './sousa-metadata.js';
import type { SousaSplit } from './read-splits.js';
import type { SousaTarget } from './targets.js';

const dir = requireFixtures('sousa');

interface ManifestItem {
  index: number;
  sample_id: string;
  label: number | number[] | null;
  label_is_nan: boolean | boolean[];
  skill_tier: string;
  rudiment_slug: string;
  tempo_bpm: number;
  profile_id: string;
  audio_path: string;
  raw_scores: Record<string, number | null>;
}
interface Manifest {
  loader_kwargs: { split: SousaSplit | null; target: SousaTarget };
  len: number;
  num_classes: number | null;
  rudiments: string[];
  rudiment_to_id: Record<string, number>;
  items: ManifestItem[];
}

const CONFIGS = ['config_a', 'config_b', 'config_c', 'config_d', 'config_e', 'config_f'] as const;
const manifest = (name: string): Manifest => JSON.parse(readFileSync(join(dir!, 'expected', name, 'manifest.json'), 'utf8')) as Manifest;
const options = (m: Manifest, upstreamCompat: boolean): SousaMetadataOptions => ({
  root: join(dir!, 'dataset'),
  split: m.loader_kwargs.split,
  target: m.loader_kwargs.target,
  upstreamCompat,
});
/** Expected label as float32 values, NaN where the oracle marks NaN. */
function expectedLabel(item: ManifestItem): number | number[] {
  if (Array.isArray(item.label)) return item.label.map((v, i) => ((item.label_is_nan as boolean[])[i] ? Number.NaN : v!));
  return item.label_is_nan ? Number.NaN : item.label!;
}

describe.skipIf(!dir)('sousa/metadata equals upstream SOUSADataset labels (upstreamCompat)', () => {
  for (const name of CONFIGS) {
    it(`${name}: length, mapping, num_classes and every item`, async () => {
      const m = manifest(name);
      const ds = await loadSousaMetadata(options(m, true));
      expect(ds.length).toBe(m.len);
      expect(ds.rudiments).toEqual(m.rudiments);
      for (const [slug, id] of Object.entries(m.rudiment_to_id)) expect(ds.rudimentToId(slug)).toBe(id);
      expect(ds.numClasses).toBe(m.num_classes);
      expect(m.items).toHaveLength(m.len);
      for (const e of m.items) {
        const item = await ds.get(e.index);
        expect(item.index).toBe(e.index);
        expect(item.sampleId).toBe(e.sample_id);
        expect(item.skillTier).toBe(e.skill_tier);
        expect(item.rudimentSlug).toBe(e.rudiment_slug);
        expect(item.tempoBpm).toBe(e.tempo_bpm);
        expect(item.profileId).toBe(e.profile_id);
        expect(item.audioPath).toBe(e.audio_path);
        const want = expectedLabel(e);
        if (Array.isArray(want)) {
          expect(item.label).toBeInstanceOf(Float32Array);
          expect(Array.from(item.label as Float32Array)).toEqual(want); // exact float32 values, NaN-aware
        } else {
          expect(typeof item.label).toBe('number');
          expect(Object.is(item.label, want) || item.label === want).toBe(true);
        }
        for (const [column, value] of Object.entries(e.raw_scores)) {
          const got = item.scores[SCORE_COLUMNS.indexOf(column as (typeof SCORE_COLUMNS)[number])];
          expect(got).toBe(value === null ? Number.NaN : value);
        }
      }
    });
  }
});

describe.skipIf(!dir)('sousa/metadata default behaviour (documented fixes)', () => {
  const labels = (): { all_40_rudiments: { slug: string; id_if_all_40_present: number }[] } =>
    JSON.parse(readFileSync(join(dir!, 'expected', 'labels.json'), 'utf8')) as never;

  it('Q6: rudiment ids are the fixed alphabetical 40-class ids (config_b)', async () => {
    const m = manifest('config_b');
    const ds = await loadSousaMetadata(options(m, false));
    const global = new Map(labels().all_40_rudiments.map((r) => [r.slug, r.id_if_all_40_present]));
    expect(ds.numClasses).toBe(40);
    expect(ds.rudiments).toHaveLength(40);
    for (const e of m.items) {
      const item = await ds.get(e.index);
      expect(item.label).toBe(global.get(e.rudiment_slug));
      expect(item.rudimentId).toBe(global.get(e.rudiment_slug));
    }
  });

  it('Q4: 0–1 score columns pass through unscaled (config_e, tier_confidence)', async () => {
    const m = manifest('config_e');
    const ds = await loadSousaMetadata(options(m, false));
    for (const e of m.items) {
      const item = await ds.get(e.index);
      expect(item.label).toBe(Math.fround(e.raw_scores.tier_confidence!));
      // upstream's value is the same number divided by 100 (quirk L3)
      expect(Math.fround(e.raw_scores.tier_confidence! / 100)).toBe(e.label);
    }
  });

  it('Q5: list targets are scaled per column and masked (config_d)', async () => {
    const m = manifest('config_d');
    const ds = await loadSousaMetadata(options(m, false));
    const columns = m.loader_kwargs.target as string[];
    for (const e of m.items) {
      const item = await ds.get(e.index);
      const want = columns.map((c) => (e.raw_scores[c] === null ? Number.NaN : Math.fround(e.raw_scores[c]! / 100)));
      expect(Array.from(item.label as Float32Array)).toEqual(want);
      expect(Array.from(item.labelMask!)).toEqual(columns.map((c) => (e.raw_scores[c] === null ? 0 : 1)));
    }
  });

  it('null scores become NaN for a single-column target (config_f, flam_quality)', async () => {
    const m = manifest('config_f');
    const ds = await loadSousaMetadata(options(m, false));
    const nan = m.items.filter((e) => e.label_is_nan).length;
    expect(nan).toBeGreaterThan(0);
    for (const e of m.items) expect(Number.isNaN((await ds.get(e.index)).label)).toBe(e.label_is_nan);
  });

  it('accepts the split aliases val / validation and rejects unknown splits listing the keys', async () => {
    const root = join(dir!, 'dataset');
    const a = await loadSousaMetadata({ root, split: 'val' });
    const b = await loadSousaMetadata({ root, split: 'validation' });
    expect(a.length).toBe(6);
    expect(b.length).toBe(6);
    const error = await loadSousaMetadata({ root, split: 'dev' as SousaSplit }).catch((e: unknown) => e);
    expect(isMirError(error) && error.code).toBe('ERR_SPLIT_KEY');
    expect(String((error as Error).message)).toMatch(/train_profile_ids/);
  });

  it('rejects bad options and out-of-range indices', async () => {
    const root = join(dir!, 'dataset');
    await expect(loadSousaMetadata({ root, target: 'velocity_accuracy' as SousaTarget })).rejects.toMatchObject({ code: 'ERR_INVALID_OPTION' });
    await expect(loadSousaMetadata({ root: '' })).rejects.toMatchObject({ code: 'ERR_INVALID_OPTION' });
    const ds = await loadSousaMetadata({ root });
    expect(() => ds.get(36)).toThrow(/out of range/);
    expect(() => ds.get(1.5)).toThrow(/out of range/);
  });
});

describe.skipIf(!dir)('sousa/metadata dataset conformance (core suite)', () => {
  for (const target of ['skill_tier', 'overall_score', ['overall_score', 'flam_quality']] as SousaTarget[]) {
    it(`target ${JSON.stringify(target)}`, async () => {
      const report = await checkDatasetConformance(() => loadSousaMetadata({ root: join(dir!, 'dataset'), split: 'train', target }), { name: 'sousa/metadata' });
      expect(report.length).toBe(24);
    });
  }
});
