/**
 * Row and file types of the SOUSA dataset, with the upstream (snake_case) column names.
 *
 * Upstream: `zakkeown/SOUSA` @ `ad0ae0a`, `dataset_gen/pipeline/storage.py` (see sousa.md §3).
 * int64 columns are normalised to `number` at the parquet boundary (all values are small).
 */

/** Skill tiers in label order (ids 0–3). */
export type SkillTier = 'beginner' | 'intermediate' | 'advanced' | 'professional';
/** `novice` = beginner + intermediate; `skilled` = advanced + professional. */
export type SkillTierBinary = 'novice' | 'skilled';
/** PAS category of a rudiment (roll 1–15, diddle 16–19, flam 20–30, drag 31–40). */
export type RudimentCategory = 'roll' | 'diddle' | 'flam' | 'drag';

/** The 40 rudiment slugs (upstream `dataset_gen/rudiments/definitions/NN_<slug>.yaml`). */
export type RudimentSlug =
  | 'single_stroke_roll' | 'single_stroke_four' | 'single_stroke_seven' | 'multiple_bounce_roll'
  | 'triple_stroke_roll' | 'double_stroke_open_roll' | 'five_stroke_roll' | 'six_stroke_roll'
  | 'seven_stroke_roll' | 'nine_stroke_roll' | 'ten_stroke_roll' | 'eleven_stroke_roll'
  | 'thirteen_stroke_roll' | 'fifteen_stroke_roll' | 'seventeen_stroke_roll' | 'single_paradiddle'
  | 'double_paradiddle' | 'triple_paradiddle' | 'paradiddle_diddle' | 'flam' | 'flam_accent' | 'flam_tap'
  | 'flamacue' | 'flam_paradiddle' | 'single_flammed_mill' | 'flam_paradiddle_diddle' | 'pataflafla'
  | 'swiss_army_triplet' | 'inverted_flam_tap' | 'flam_drag' | 'drag' | 'single_drag_tap' | 'double_drag_tap'
  | 'lesson_25' | 'single_dragadiddle' | 'drag_paradiddle_1' | 'drag_paradiddle_2' | 'single_ratamacue'
  | 'double_ratamacue' | 'triple_ratamacue';

/** One row of `labels/samples.parquet` (one per sample). */
export interface SampleRow {
  sample_id: string;
  /** `uuid4`, not reproducible across regenerations (Q17): never use as a stable key. */
  profile_id: string;
  rudiment_slug: RudimentSlug;
  tempo_bpm: number;
  duration_sec: number;
  num_cycles: number;
  skill_tier: SkillTier;
  skill_tier_binary: SkillTierBinary;
  dominant_hand: 'right' | 'left';
  /** Relative to the dataset root; null for augmentation variants ≥ 1. */
  midi_path: string | null;
  /** Relative to the dataset root; null in MIDI-only datasets. */
  audio_path: string | null;
  num_strokes: number;
  num_measures: number;
  soundfont: string | null;
  augmentation_preset: string;
  augmentation_group_id: string;
  /* Present only when audio was rendered and augmented; aug_bit_depth / aug_sample_rate are always null. */
  aug_soundfont?: string | null;
  aug_room_type?: string | null;
  aug_room_wet_dry?: number | null;
  aug_mic_distance?: number | null;
  aug_mic_type?: string | null;
  aug_compression_ratio?: number | null;
  aug_noise_level_db?: number | null;
  aug_bit_depth?: number | null;
  aug_sample_rate?: number | null;
}

/** Score columns of `labels/exercises.parquet`, in on-disk order. */
export type ScoreColumn =
  | 'timing_accuracy' | 'timing_consistency' | 'tempo_stability' | 'subdivision_evenness' | 'velocity_control'
  | 'accent_differentiation' | 'accent_accuracy' | 'hand_balance' | 'weak_hand_index' | 'flam_quality'
  | 'diddle_quality' | 'roll_sustain' | 'groove_feel_proxy' | 'overall_score' | 'tier_confidence';

/** One row of `labels/exercises.parquet` (one per sample). `null` where the score does not apply. */
export type ExerciseRow = { [K in ScoreColumn]: number | null } & { sample_id: string };

/** One row of `labels/measures.parquet`: a chunk of stroke rows, not a musical bar (sousa.md §4). */
export interface MeasureRow {
  index: number;
  /** First stroke row position of the chunk in the sample's stroke rows (file order). */
  stroke_start: number;
  /** Exclusive end row position. */
  stroke_end: number;
  timing_mean_error_ms: number;
  timing_std_ms: number;
  timing_max_error_ms: number;
  velocity_mean: number;
  velocity_std: number;
  velocity_consistency: number;
  /** null unless both hands occur in the chunk. */
  lr_velocity_ratio: number | null;
  /** null unless both hands occur in the chunk. */
  lr_timing_diff_ms: number | null;
  sample_id: string;
}

/** One row of `labels/strokes.parquet` (time order; `index` is not monotonic for buzz rudiments). */
export interface StrokeRow {
  index: number;
  hand: 'L' | 'R';
  stroke_type: 'tap' | 'accent' | 'grace' | 'diddle' | 'buzz';
  /** Can be negative (grace notes before beat 0). */
  intended_time_ms: number;
  actual_time_ms: number;
  /** `actual − intended` clipped to ±300 ms; for grace notes it is `flam_spacing_ms − 30` (Q18). */
  timing_error_ms: number;
  intended_velocity: number;
  actual_velocity: number;
  velocity_error: number;
  is_grace_note: boolean;
  is_accent: boolean;
  /** NaN, 1 or 2 (float64 with NaN on disk, Q16). */
  diddle_position: number;
  flam_spacing_ms: number | null;
  /** NaN or the parent's `index`. */
  parent_stroke_index: number;
  /** NaN, or for a primary buzz stroke `1 + number of its sub-strokes`. */
  buzz_count: number;
  sample_id: string;
}

/** `splits.json`: split by profile, stratified by tier. */
export interface SplitsJson {
  train_profile_ids: string[];
  val_profile_ids?: string[];
  /** Read as a fallback for `split: 'validation'`. */
  validation_profile_ids?: string[];
  test_profile_ids: string[];
  stats?: Record<string, unknown>;
  [key: string]: unknown;
}

/** `index.json` (absent in datasets generated with several workers). */
export interface IndexJson {
  num_samples: number;
  sample_ids: string[];
  config: { audio_format: string; sample_rate: number };
}
