import { ConfigError } from '@mirkit/core';
import { SCORE_COLUMNS, SKILL_TIER_TO_ID, UNIT_SCORE_COLUMNS } from './constants.js';
import type { ExerciseRow, ScoreColumn, SkillTier } from './types.js';

/** What a SOUSA item is labelled with (upstream `SOUSADataset(target=…)`). */
export type SousaTarget = 'skill_tier' | 'rudiment_slug' | ScoreColumn | readonly ScoreColumn[];

/** The four target kinds and how each is encoded (sousa.md §8.5). */
export type SousaTargetKind = 'skill_tier' | 'rudiment_slug' | 'score' | 'scores';

/** Options of {@link encodeLabel}. */
export interface EncodeLabelOptions {
  /**
   * Reproduce upstream's scaling (quirk L3 / Q4, Q5): every single score column divided by 100 (also the 0–1
   * columns), list targets raw 0–100. Default `false`: only 0–100 columns are divided by 100.
   */
  upstreamCompat?: boolean;
}

/** A scalar label (class id, or a float32-rounded score; NaN where the score is null). */
export interface ScalarLabel {
  label: number;
}
/** A multi-score label with a mask that is 0 where the score is null (its label entry is NaN). */
export interface VectorLabel {
  label: Float32Array;
  labelMask: Float32Array;
}

const SCORE_SET = new Set<string>(SCORE_COLUMNS);
const UNIT_SET = new Set<string>(UNIT_SCORE_COLUMNS);

/** True for one of the 15 score columns of `exercises.parquet`. */
export function isScoreColumn(value: unknown): value is ScoreColumn {
  return typeof value === 'string' && SCORE_SET.has(value);
}

/** Checks a target and returns its kind. @throws ConfigError `ERR_INVALID_OPTION` for unknown columns. */
export function targetKind(target: SousaTarget): SousaTargetKind {
  if (target === 'skill_tier' || target === 'rudiment_slug') return target;
  if (typeof target === 'string') {
    if (isScoreColumn(target)) return 'score';
  } else if (Array.isArray(target)) {
    if (target.length === 0) throw new ConfigError('ERR_INVALID_OPTION', 'target list should name at least one score column, but got []');
    const bad = target.find((c) => !isScoreColumn(c));
    if (bad === undefined) return 'scores';
    throw new ConfigError('ERR_INVALID_OPTION', `target list names '${String(bad)}', which is not a score column; expected one of ${SCORE_COLUMNS.join(', ')}`);
  }
  throw new ConfigError(
    'ERR_INVALID_OPTION',
    `target should be 'skill_tier', 'rudiment_slug', a score column or a list of score columns, but got ${JSON.stringify(target)}; score columns: ${SCORE_COLUMNS.join(', ')}`,
  );
}

/** `num_classes` of a target: 4 for tiers, the rudiment count for rudiments, else `null`. */
export function numClassesOf(target: SousaTarget, rudimentCount: number): number | null {
  const kind = targetKind(target);
  return kind === 'skill_tier' ? 4 : kind === 'rudiment_slug' ? rudimentCount : null;
}

/** True for the 0–1 score columns (`groove_feel_proxy`, `tier_confidence`). */
export function isUnitScoreColumn(column: ScoreColumn): boolean {
  return UNIT_SET.has(column);
}

/**
 * Scales one score as a single-column target, rounded to float32: 0–100 columns ÷ 100, 0–1 columns unchanged
 * (upstream divides those too: pass `upstreamCompat`). `null` → NaN.
 */
export function scaleScore(column: ScoreColumn, value: number | null, upstreamCompat = false): number {
  if (value === null || Number.isNaN(value)) return Number.NaN;
  return Math.fround(upstreamCompat || !isUnitScoreColumn(column) ? value / 100 : value);
}

/**
 * Encodes the label of one row (sousa.md §8.5, with the Q4/Q5/Q6 fixes unless `upstreamCompat`):
 * - `skill_tier` → tier id 0–3;
 * - `rudiment_slug` → `rudimentToId(slug)` (the caller picks the fixed or the upstream mapping);
 * - a score column → float32 scaled by {@link scaleScore}, NaN when null;
 * - a list of score columns → float32 vector (scaled per column like a single column; raw 0–100 with
 *   `upstreamCompat`) and a mask that is 0 where the score is null.
 */
export function encodeLabel(
  row: { skill_tier: SkillTier; rudiment_slug: string } & Partial<Record<ScoreColumn, number | null>>,
  target: SousaTarget,
  rudimentToId: (slug: string) => number,
  options: EncodeLabelOptions = {},
): ScalarLabel | VectorLabel {
  const compat = options.upstreamCompat ?? false;
  const kind = targetKind(target);
  if (kind === 'skill_tier') return { label: SKILL_TIER_TO_ID[row.skill_tier] };
  if (kind === 'rudiment_slug') return { label: rudimentToId(row.rudiment_slug) };
  if (kind === 'score') {
    const column = target as ScoreColumn;
    return { label: scaleScore(column, row[column] ?? null, compat) };
  }
  const columns = target as readonly ScoreColumn[];
  const label = new Float32Array(columns.length);
  const labelMask = new Float32Array(columns.length);
  columns.forEach((column, i) => {
    const value = row[column] ?? null;
    const missing = value === null || Number.isNaN(value);
    label[i] = missing ? Number.NaN : compat ? value : scaleScore(column, value);
    labelMask[i] = missing ? 0 : 1;
  });
  return { label, labelMask };
}

/** Scores of an exercise row as a float64 vector in {@link SCORE_COLUMNS} order (NaN where null). */
export function scoreVector(row: Partial<ExerciseRow> | undefined): Float64Array {
  const out = new Float64Array(SCORE_COLUMNS.length).fill(Number.NaN);
  if (!row) return out;
  SCORE_COLUMNS.forEach((column, i) => {
    const v = row[column];
    if (typeof v === 'number') out[i] = v;
  });
  return out;
}
