export type { Vector, Matrix } from './inputs.js';
export { Accuracy, accuracyScore } from './accuracy.js';
export { ConfusionMatrix, confusionMatrix, type ConfusionMatrixResult } from './confusion-matrix.js';
export {
  PrecisionRecallF1,
  precisionRecallFscoreSupport,
  prfFromConfusion,
  averagePrf,
  type ClassAverage,
  type PrfOptions,
  type PrfPerClass,
  type PrfAverage,
} from './precision-recall-f1.js';
export { classificationReport, type ClassificationReport, type ReportRow } from './classification-report.js';
export {
  RankingScore,
  rocAucScore,
  averagePrecisionScore,
  binaryRocAuc,
  binaryAveragePrecision,
  type ScoreAverage,
  type ScoreOptions,
} from './roc-auc.js';
export type { MultiClass } from './multiclass-scores.js';
export { RegressionError, meanSquaredError, meanAbsoluteError } from './regression-error.js';
