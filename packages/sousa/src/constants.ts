import type { RudimentCategory, RudimentSlug, ScoreColumn, SkillTier, SkillTierBinary } from './types.js';

/** Skill tiers in label order: the id of a tier is its position (upstream `SKILL_TIER_LABELS`). */
export const SKILL_TIERS = ['beginner', 'intermediate', 'advanced', 'professional'] as const satisfies readonly SkillTier[];

/** Tier → id 0–3 (upstream `SKILL_TIER_TO_ID`). */
export const SKILL_TIER_TO_ID: Readonly<Record<SkillTier, number>> = Object.freeze({
  beginner: 0,
  intermediate: 1,
  advanced: 2,
  professional: 3,
});

/** Binary grouping of the tiers (`skill_tier_binary` column). */
export const SKILL_TIER_BINARY: Readonly<Record<SkillTierBinary, readonly SkillTier[]>> = Object.freeze({
  novice: ['beginner', 'intermediate'],
  skilled: ['advanced', 'professional'],
});

/** One of the 40 PAS rudiments. */
export interface RudimentInfo {
  readonly slug: RudimentSlug;
  /** Percussive Arts Society number, 1–40. */
  readonly pasNumber: number;
  readonly category: RudimentCategory;
  readonly name: string;
  /** Generated with buzz sub-strokes (`buzz_detail: sub_strokes`). */
  readonly isBuzz: boolean;
}

const r = (slug: RudimentSlug, pasNumber: number, category: RudimentCategory, name: string, isBuzz = false): RudimentInfo =>
  Object.freeze({ slug, pasNumber, category, name, isBuzz });

/** The 40 rudiments in PAS order (sousa.md §5.2). */
export const RUDIMENTS: readonly RudimentInfo[] = Object.freeze([
  r('single_stroke_roll', 1, 'roll', 'Single Stroke Roll'),
  r('single_stroke_four', 2, 'roll', 'Single Stroke Four'),
  r('single_stroke_seven', 3, 'roll', 'Single Stroke Seven'),
  r('multiple_bounce_roll', 4, 'roll', 'Multiple Bounce Roll', true),
  r('triple_stroke_roll', 5, 'roll', 'Triple Stroke Roll'),
  r('double_stroke_open_roll', 6, 'roll', 'Double Stroke Open Roll'),
  r('five_stroke_roll', 7, 'roll', 'Five Stroke Roll'),
  r('six_stroke_roll', 8, 'roll', 'Six Stroke Roll'),
  r('seven_stroke_roll', 9, 'roll', 'Seven Stroke Roll'),
  r('nine_stroke_roll', 10, 'roll', 'Nine Stroke Roll'),
  r('ten_stroke_roll', 11, 'roll', 'Ten Stroke Roll'),
  r('eleven_stroke_roll', 12, 'roll', 'Eleven Stroke Roll'),
  r('thirteen_stroke_roll', 13, 'roll', 'Thirteen Stroke Roll'),
  r('fifteen_stroke_roll', 14, 'roll', 'Fifteen Stroke Roll'),
  r('seventeen_stroke_roll', 15, 'roll', 'Seventeen Stroke Roll'),
  r('single_paradiddle', 16, 'diddle', 'Single Paradiddle'),
  r('double_paradiddle', 17, 'diddle', 'Double Paradiddle'),
  r('triple_paradiddle', 18, 'diddle', 'Triple Paradiddle'),
  r('paradiddle_diddle', 19, 'diddle', 'Paradiddle-diddle'),
  r('flam', 20, 'flam', 'Flam'),
  r('flam_accent', 21, 'flam', 'Flam Accent'),
  r('flam_tap', 22, 'flam', 'Flam Tap'),
  r('flamacue', 23, 'flam', 'Flamacue'),
  r('flam_paradiddle', 24, 'flam', 'Flam Paradiddle'),
  r('single_flammed_mill', 25, 'flam', 'Single Flammed Mill'),
  r('flam_paradiddle_diddle', 26, 'flam', 'Flam Paradiddle-diddle'),
  r('pataflafla', 27, 'flam', 'Pataflafla'),
  r('swiss_army_triplet', 28, 'flam', 'Swiss Army Triplet'),
  r('inverted_flam_tap', 29, 'flam', 'Inverted Flam Tap'),
  r('flam_drag', 30, 'flam', 'Flam Drag'),
  r('drag', 31, 'drag', 'Drag'),
  r('single_drag_tap', 32, 'drag', 'Single Drag Tap'),
  r('double_drag_tap', 33, 'drag', 'Double Drag Tap'),
  r('lesson_25', 34, 'drag', 'Lesson 25'),
  r('single_dragadiddle', 35, 'drag', 'Single Dragadiddle'),
  r('drag_paradiddle_1', 36, 'drag', 'Drag Paradiddle No. 1'),
  r('drag_paradiddle_2', 37, 'drag', 'Drag Paradiddle No. 2'),
  r('single_ratamacue', 38, 'drag', 'Single Ratamacue'),
  r('double_ratamacue', 39, 'drag', 'Double Ratamacue'),
  r('triple_ratamacue', 40, 'drag', 'Triple Ratamacue'),
]);

/** Every score column of `exercises.parquet`, in on-disk order. */
export const SCORE_COLUMNS = [
  'timing_accuracy', 'timing_consistency', 'tempo_stability', 'subdivision_evenness', 'velocity_control',
  'accent_differentiation', 'accent_accuracy', 'hand_balance', 'weak_hand_index', 'flam_quality',
  'diddle_quality', 'roll_sustain', 'groove_feel_proxy', 'overall_score', 'tier_confidence',
] as const satisfies readonly ScoreColumn[];

/** Score columns on a 0–1 scale; every other score column is 0–100 (sousa.md §5.3). */
export const UNIT_SCORE_COLUMNS = ['groove_feel_proxy', 'tier_confidence'] as const satisfies readonly ScoreColumn[];

/** Rudiment-specific scores, null outside their categories. */
export const RUDIMENT_SPECIFIC_SCORE_COLUMNS = ['flam_quality', 'diddle_quality', 'roll_sustain'] as const satisfies readonly ScoreColumn[];
