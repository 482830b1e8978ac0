import type { StepOutput } from './fit-context.js';

/** Per-step information handed to a module's step functions. */
export interface StepContext {
  /** True in `trainingStep`; false in validation/test/predict (dropout, batch-norm mode). */
  readonly training: boolean;
  readonly epoch: number;
  readonly globalStep: number;
  /**
   * A fresh 32-bit seed per training step from the trainer's seeded RNG (checkpointed), for dropout and other
   * per-step randomness that must resume exactly.
   */
  readonly seed: number;
}

/** Passed to {@link TrainingModule.setup} once, after the backend is ready. */
export interface ModuleSetupContext {
  readonly backend: string;
  /** The trainer's seed, for weight initialisers. */
  readonly seed: number;
}

/** A named parameter; checkpoints store parameters in this order. */
export interface NamedParameter<V = unknown> {
  readonly name: string;
  readonly variable: V;
  /** Receives gradients (false for e.g. batch-norm running statistics, which are still checkpointed). */
  readonly trainable: boolean;
}

/**
 * Lightning's LightningModule, framework-free. `B` is the batch as the module receives it (tensors), `T` the
 * tensor type, `V` the variable type, `O` the optimizer type, `P` what `predictStep` returns.
 * `@mirkit/core/tfjs` fixes these to tfjs types (`TfTrainingModule`).
 */
export interface TrainingModule<B = unknown, T = unknown, V = unknown, O = unknown, P = unknown> {
  /** Builds the model/variables. Called once per module, after backend setup and before the first step. */
  setup?(ctx: ModuleSetupContext): void | Promise<void>;
  /** Every parameter (trainable and not), in a stable order. */
  parameters(): readonly NamedParameter<V>[];
  trainingStep(batch: B, batchIdx: number, ctx: StepContext): StepOutput<T>;
  validationStep?(batch: B, batchIdx: number, ctx: StepContext): StepOutput<T>;
  testStep?(batch: B, batchIdx: number, ctx: StepContext): StepOutput<T>;
  predictStep?(batch: B, batchIdx: number, ctx: StepContext): P;
  /** The optimizer (created once per fit). */
  configureOptimizers(): O;
}
