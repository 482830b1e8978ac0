/** What the trainer is doing. */
export type Stage = 'fit' | 'validate' | 'test' | 'predict';

/**
 * What a training/validation step returns (Lightning's `training_step` return value). `T` is the framework's
 * tensor type (a tfjs scalar in `@mirkit/core/tfjs`).
 */
export interface StepOutput<T = unknown> {
  /** Scalar loss; gradients are taken of it in training. */
  loss: T;
  /** Extra scalars to log (tensors or numbers), averaged over the epoch under their own names. */
  logs?: Record<string, T | number>;
  /** Items in the batch, to weight epoch means (default 1 per batch). */
  batchSize?: number;
}

/** A step's numbers after the trainer has read them back from the device. */
export interface StepMetrics {
  loss: number;
  logs: Record<string, number>;
  batchSize: number;
}

/** The trainer as callbacks see it (Lightning's `trainer` argument). */
export interface FitContext {
  readonly stage: Stage;
  /** Current epoch, 0-based. */
  readonly epoch: number;
  /** Optimizer steps taken so far. */
  readonly globalStep: number;
  readonly maxEpochs: number;
  /** Batches per training epoch, when the loader knows its length. */
  readonly numTrainBatches: number | undefined;
  /** Batches in the current evaluation loop (validate/test/predict), when known. */
  readonly numEvalBatches: number | undefined;
  /** Write step rows to loggers every this many optimizer steps. */
  readonly logEvery: number;
  /** Latest epoch-level metrics (`train_loss`, `val_loss`, and every logged key), Lightning's `callback_metrics`. */
  readonly metrics: Readonly<Record<string, number>>;
  /** Set to true to stop after the current epoch (EarlyStopping does). */
  shouldStop: boolean;
  /** Current optimizer learning rate, when the optimizer has one. */
  readonly learningRate: number | undefined;
  /** Changes the optimizer learning rate (LR schedulers). */
  setLearningRate(lr: number): void;
  /** Writes a complete checkpoint (weights, optimizer, trainer, RNG and callback state) atomically to `path`. */
  saveCheckpoint(path: string): Promise<void>;
  /** Prints an informational line (stderr by default). */
  log(message: string): void;
}
