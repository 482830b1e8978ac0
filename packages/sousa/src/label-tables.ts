import { join } from 'node:path';
import { SCORE_COLUMNS, SKILL_TIERS } from './constants.js';
import { RUDIMENT_SLUGS } from './rudiment-ids.js';
import { readParquetColumns, type ColumnSpec, type ColumnSpecs } from './read-parquet.js';
import type { ExerciseRow, MeasureRow, SampleRow, ScoreColumn, StrokeRow } from './types.js';

const str: ColumnSpec = { kind: 'string' };
const strNull: ColumnSpec = { kind: 'string', nullable: true };
const int: ColumnSpec = { kind: 'int' };
const dbl: ColumnSpec = { kind: 'double' };
const dblNull: ColumnSpec = { kind: 'double', nullable: true };
const dblNaN: ColumnSpec = { kind: 'double', nullAsNaN: true };
const bool: ColumnSpec = { kind: 'bool' };

/** Column specs of `labels/samples.parquet` (on-disk order). */
export const SAMPLE_COLUMN_SPECS = {
  sample_id: str,
  profile_id: str,
  rudiment_slug: { kind: 'string', oneOf: RUDIMENT_SLUGS },
  tempo_bpm: int,
  duration_sec: dbl,
  num_cycles: int,
  skill_tier: { kind: 'string', oneOf: SKILL_TIERS },
  skill_tier_binary: { kind: 'string', oneOf: ['novice', 'skilled'] },
  dominant_hand: { kind: 'string', oneOf: ['right', 'left'] },
  midi_path: strNull,
  audio_path: strNull,
  num_strokes: int,
  num_measures: int,
  soundfont: strNull,
  augmentation_preset: str,
  augmentation_group_id: str,
  aug_soundfont: { kind: 'string', nullable: true, optional: true },
  aug_room_type: { kind: 'string', nullable: true, optional: true },
  aug_room_wet_dry: { kind: 'double', nullable: true, optional: true },
  aug_mic_distance: { kind: 'double', nullable: true, optional: true },
  aug_mic_type: { kind: 'string', nullable: true, optional: true },
  aug_compression_ratio: { kind: 'double', nullable: true, optional: true },
  aug_noise_level_db: { kind: 'double', nullable: true, optional: true },
  aug_bit_depth: { kind: 'int', nullable: true, optional: true },
  aug_sample_rate: { kind: 'int', nullable: true, optional: true },
} as const satisfies Record<keyof SampleRow, ColumnSpec>;

/** Column specs of `labels/exercises.parquet` (15 nullable score columns, then `sample_id`). */
export const EXERCISE_COLUMN_SPECS: Readonly<Record<keyof ExerciseRow, ColumnSpec>> = {
  ...(Object.fromEntries(SCORE_COLUMNS.map((c) => [c, dblNull])) as Record<ScoreColumn, ColumnSpec>),
  sample_id: str,
};

/** Column specs of `labels/measures.parquet`. */
export const MEASURE_COLUMN_SPECS = {
  index: int,
  stroke_start: int,
  stroke_end: int,
  timing_mean_error_ms: dbl,
  timing_std_ms: dbl,
  timing_max_error_ms: dbl,
  velocity_mean: dbl,
  velocity_std: dbl,
  velocity_consistency: dbl,
  lr_velocity_ratio: dblNull,
  lr_timing_diff_ms: dblNull,
  sample_id: str,
} as const satisfies Record<keyof MeasureRow, ColumnSpec>;

/** Column specs of `labels/strokes.parquet`. */
export const STROKE_COLUMN_SPECS = {
  index: int,
  hand: { kind: 'string', oneOf: ['L', 'R'] },
  stroke_type: { kind: 'string', oneOf: ['tap', 'accent', 'grace', 'diddle', 'buzz'] },
  intended_time_ms: dbl,
  actual_time_ms: dbl,
  timing_error_ms: dbl,
  intended_velocity: int,
  actual_velocity: int,
  velocity_error: int,
  is_grace_note: bool,
  is_accent: bool,
  diddle_position: dblNaN,
  flam_spacing_ms: dblNull,
  parent_stroke_index: dblNaN,
  buzz_count: dblNaN,
  sample_id: str,
} as const satisfies Record<keyof StrokeRow, ColumnSpec>;

/** Options of the table readers. */
export interface ReadTableOptions<K extends string> {
  /** Columns to decode (column projection). Default: every column of the table. */
  columns?: readonly K[];
}

/** A typed reader of one label table: `(root, { columns }) → rows` with only the requested columns decoded. */
export type TableReader<Row> = <K extends keyof Row & string = keyof Row & string>(root: string, options?: ReadTableOptions<K>) => Promise<Pick<Row, K>[]>;

function tableReader<Row>(table: string, specs: ColumnSpecs): TableReader<Row> {
  return async (root, options = {}) =>
    (await readParquetColumns(join(root, 'labels', `${table}.parquet`), specs, (options.columns as readonly string[] | undefined) ?? Object.keys(specs))) as never;
}

/** Reads `<root>/labels/samples.parquet`. `aug_*` columns are returned only when the file has them. */
export const readSamples: TableReader<SampleRow> = tableReader('samples', SAMPLE_COLUMN_SPECS);

/** Reads `<root>/labels/exercises.parquet` (scores are `null` where they do not apply). */
export const readExercises: TableReader<ExerciseRow> = tableReader('exercises', EXERCISE_COLUMN_SPECS);

/** Reads `<root>/labels/measures.parquet`. */
export const readMeasures: TableReader<MeasureRow> = tableReader('measures', MEASURE_COLUMN_SPECS);

/** Reads `<root>/labels/strokes.parquet` (NaN kept for `diddle_position`, `parent_stroke_index`, `buzz_count`). */
export const readStrokes: TableReader<StrokeRow> = tableReader('strokes', STROKE_COLUMN_SPECS);
