import type { SousaMetadataDataset, SousaMetadataOptions } from './sousa-metadata.js';

export { sousa } from './plugin.js';
export type {
  ExerciseRow,
  IndexJson,
  MeasureRow,
  RudimentCategory,
  RudimentSlug,
  SampleRow,
  ScoreColumn,
  SkillTier,
  SkillTierBinary,
  SplitsJson,
  StrokeRow,
} from './types.js';
export {
  RUDIMENTS,
  RUDIMENT_SPECIFIC_SCORE_COLUMNS,
  SCORE_COLUMNS,
  SKILL_TIERS,
  SKILL_TIER_BINARY,
  SKILL_TIER_TO_ID,
  UNIT_SCORE_COLUMNS,
  type RudimentInfo,
} from './constants.js';
export { readParquetColumns, type ColumnKind, type ColumnSpec, type ColumnSpecs } from './read-parquet.js';
export {
  EXERCISE_COLUMN_SPECS,
  MEASURE_COLUMN_SPECS,
  SAMPLE_COLUMN_SPECS,
  STROKE_COLUMN_SPECS,
  readExercises,
  readMeasures,
  readSamples,
  readStrokes,
  type ReadTableOptions,
  type TableReader,
} from './label-tables.js';
export { profileIdsForSplit, readSplits, type SousaSplit } from './read-splits.js';
export { RUDIMENT_SLUGS, categoryOf, isRudimentSlug, rudimentId, rudimentInfo, upstreamRudimentMapping } from './rudiment-ids.js';
export {
  encodeLabel,
  isScoreColumn,
  isUnitScoreColumn,
  numClassesOf,
  scaleScore,
  scoreVector,
  targetKind,
  type EncodeLabelOptions,
  type ScalarLabel,
  type SousaTarget,
  type SousaTargetKind,
  type VectorLabel,
} from './targets.js';
export { groupBySample, isClean, strokesForMeasure } from './hierarchical-labels.js';
export { SousaMetadataDataset, loadSousaMetadata, type SousaLabelItem, type SousaMetadataOptions } from './sousa-metadata.js';

declare module '@mirkit/core' {
  interface LoaderRegistry {
    /** SOUSA label items (no audio): `registry.create('loader', 'sousa/metadata', { root, split, target })`. */
    'sousa/metadata': (options: SousaMetadataOptions) => Promise<SousaMetadataDataset>;
  }
  interface MirErrorCodes {
    ERR_PARQUET_SCHEMA: true;
    ERR_SPLIT_KEY: true;
    ERR_SPLITS_JSON: true;
  }
}
