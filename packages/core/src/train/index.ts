export type { Stage, StepOutput, StepMetrics, FitContext } from './fit-context.js';
export { callbackStateKeys, type Callback } from './callback.js';
export type { TrainingModule, StepContext, ModuleSetupContext, NamedParameter } from './training-module.js';
export { EarlyStopping, type EarlyStoppingOptions } from './callbacks/early-stopping.js';
export {
  ModelCheckpoint,
  formatCheckpointName,
  type ModelCheckpointOptions,
} from './callbacks/model-checkpoint.js';
export { ProgressBar, type ProgressBarOptions } from './callbacks/progress-bar.js';
export { RowLogger, type MetricsLoggerOptions, type MetricsRow } from './callbacks/row-logger.js';
export { CsvLogger } from './callbacks/csv-logger.js';
export { JsonlLogger } from './callbacks/jsonl-logger.js';
export { PlotLogger, metricBaseName, type PlotLoggerOptions } from './callbacks/plot-logger.js';
export { LrScheduler } from './callbacks/lr-scheduler.js';
export { StepLr, type StepLrOptions } from './callbacks/step-lr.js';
export { CosineAnnealingLr, type CosineAnnealingLrOptions } from './callbacks/cosine-annealing-lr.js';
export { ReduceLrOnPlateau, type ReduceLrOnPlateauOptions } from './callbacks/reduce-lr-on-plateau.js';
export type { MonitorMode } from './callbacks/monitor.js';
