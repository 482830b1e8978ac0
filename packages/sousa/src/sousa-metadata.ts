import { join } from 'node:path';
import { ConfigError, FormatError, checkIndex, type Dataset } from '@mirkit/core';
import { SKILL_TIER_TO_ID } from './constants.js';
import { readExercises, readSamples } from './label-tables.js';
import { profileIdsForSplit, readSplits, type SousaSplit } from './read-splits.js';
import { RUDIMENT_SLUGS, rudimentId, upstreamRudimentMapping } from './rudiment-ids.js';
import { encodeLabel, numClassesOf, scoreVector, targetKind, type SousaTarget } from './targets.js';
import type { ExerciseRow, RudimentSlug, SampleRow, SkillTier } from './types.js';

/** Options of the `sousa/metadata` loader. */
export interface SousaMetadataOptions {
  /** Dataset root (the folder holding `labels/` and `splits.json`). */
  root: string;
  /** Keep only the profiles of this split (`splits.json`); `null`/absent = every sample. */
  split?: SousaSplit | null;
  /** Label to encode; default `'overall_score'` (upstream default). */
  target?: SousaTarget;
  /**
   * Reproduce upstream's label quirks for parity tests: rudiment ids over the slugs present in the split (L4/Q6),
   * 0–1 score columns divided by 100 (L3/Q4), list targets raw 0–100 (L3/Q5). Default `false`.
   */
  upstreamCompat?: boolean;
}

/** One item of the metadata loader: the labels of one sample (no waveform). */
export interface SousaLabelItem {
  /** Position in the (split-filtered) dataset. */
  index: number;
  sampleId: string;
  profileId: string;
  skillTier: SkillTier;
  /** 0–3 in {@link SKILL_TIERS} order. */
  skillTierId: number;
  rudimentSlug: RudimentSlug;
  /** Id under the mapping in effect (fixed alphabetical 0–39, or upstream's split-dependent one). */
  rudimentId: number;
  tempoBpm: number;
  audioPath: string | null;
  midiPath: string | null;
  /** Encoded target (class id, float32 score, or float32 vector for list targets). */
  label: number | Float32Array;
  /** Only for list targets: 0 where the score is null (label entry NaN), else 1. */
  labelMask?: Float32Array;
  /** The 15 raw scores in `SCORE_COLUMNS` order (float64 as stored, NaN where null). */
  scores: Float64Array;
}

type JoinedRow = Pick<SampleRow, 'sample_id' | 'profile_id' | 'rudiment_slug' | 'tempo_bpm' | 'skill_tier' | 'audio_path' | 'midi_path'> & {
  exercise: ExerciseRow | undefined;
};

/**
 * Map-style dataset of SOUSA label items, equal to the labels of upstream's `SOUSADataset`
 * (`examples/pytorch_dataloader.py`) without the waveforms: `samples LEFT JOIN exercises ON sample_id`, filtered
 * to the split's profiles, in file order. Create it with {@link loadSousaMetadata}.
 */
export class SousaMetadataDataset implements Dataset<SousaLabelItem> {
  /** Rudiment slugs in id order under the mapping in effect. */
  readonly rudiments: readonly string[];
  /** `num_classes`: 4 for `skill_tier`, the rudiment count for `rudiment_slug`, else `null`. */
  readonly numClasses: number | null;
  readonly target: SousaTarget;
  readonly upstreamCompat: boolean;
  readonly #rows: readonly JoinedRow[];
  readonly #rudimentToId: (slug: string) => number;

  private constructor(rows: readonly JoinedRow[], target: SousaTarget, upstreamCompat: boolean) {
    this.#rows = rows;
    this.target = target;
    this.upstreamCompat = upstreamCompat;
    if (upstreamCompat) {
      const { rudiments, rudimentToId } = upstreamRudimentMapping(rows.map((r) => r.rudiment_slug));
      this.rudiments = rudiments;
      this.#rudimentToId = (slug) => rudimentToId.get(slug)!;
    } else {
      this.rudiments = RUDIMENT_SLUGS;
      this.#rudimentToId = rudimentId;
    }
    this.numClasses = numClassesOf(target, this.rudiments.length);
  }

  /** @internal Use {@link loadSousaMetadata}. */
  static async load(options: SousaMetadataOptions): Promise<SousaMetadataDataset> {
    if (typeof options !== 'object' || options === null || typeof options.root !== 'string' || options.root === '') {
      throw new ConfigError('ERR_INVALID_OPTION', `sousa/metadata: 'root' should be the dataset folder, but got ${JSON.stringify(options?.root)}`);
    }
    const target = options.target ?? 'overall_score';
    targetKind(target);
    const { root } = options;
    const [samples, exercises] = await Promise.all([
      readSamples(root, {
        columns: ['sample_id', 'profile_id', 'rudiment_slug', 'tempo_bpm', 'skill_tier', 'audio_path', 'midi_path'],
      }),
      readExercises(root),
    ]);
    const bySample = new Map<string, ExerciseRow>();
    exercises.forEach((row, i) => {
      if (bySample.has(row.sample_id)) {
        throw new FormatError('ERR_PARQUET_SCHEMA', `${join(root, 'labels', 'exercises.parquet')}: column 'sample_id': duplicate value '${row.sample_id}' at row ${i}`, {
          details: { file: join(root, 'labels', 'exercises.parquet'), column: 'sample_id', row: i },
        });
      }
      bySample.set(row.sample_id, row);
    });
    let rows: JoinedRow[] = samples.map((s) => ({ ...s, exercise: bySample.get(s.sample_id) }));
    if (options.split !== undefined && options.split !== null) {
      const splits = await readSplits(root);
      const keep = new Set(profileIdsForSplit(splits, options.split, join(root, 'splits.json')));
      rows = rows.filter((r) => keep.has(r.profile_id));
    }
    return new SousaMetadataDataset(rows, target, options.upstreamCompat ?? false);
  }

  get length(): number {
    return this.#rows.length;
  }

  /** Id of a slug under the mapping in effect. */
  rudimentToId(slug: string): number {
    const id = this.#rudimentToId(slug);
    if (id === undefined) {
      throw new ConfigError('ERR_INVALID_OPTION', `Rudiment '${slug}' is not in this dataset's mapping (${this.rudiments.join(', ')})`);
    }
    return id;
  }

  get(index: number): SousaLabelItem {
    checkIndex(index, this.#rows.length, 'sousa/metadata dataset');
    const row = this.#rows[index]!;
    const encoded = encodeLabel({ ...row.exercise, skill_tier: row.skill_tier, rudiment_slug: row.rudiment_slug }, this.target, (s) => this.rudimentToId(s), {
      upstreamCompat: this.upstreamCompat,
    });
    const item: SousaLabelItem = {
      index,
      sampleId: row.sample_id,
      profileId: row.profile_id,
      skillTier: row.skill_tier,
      skillTierId: SKILL_TIER_TO_ID[row.skill_tier],
      rudimentSlug: row.rudiment_slug,
      rudimentId: this.rudimentToId(row.rudiment_slug),
      tempoBpm: row.tempo_bpm,
      audioPath: row.audio_path,
      midiPath: row.midi_path,
      label: encoded.label,
      scores: scoreVector(row.exercise),
    };
    if ('labelMask' in encoded) item.labelMask = encoded.labelMask;
    return item;
  }
}

/** Loads the SOUSA label tables and returns the `sousa/metadata` dataset. */
export async function loadSousaMetadata(options: SousaMetadataOptions): Promise<SousaMetadataDataset> {
  return SousaMetadataDataset.load(options);
}
