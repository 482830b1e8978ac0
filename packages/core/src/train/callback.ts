import type { FitContext, StepMetrics } from './fit-context.js';

type Hook = (ctx: FitContext) => void | Promise<void>;

/**
 * Trainer hooks with Lightning's names in camelCase; all optional. Training order per epoch:
 * `onTrainEpochStart` → (`onTrainBatchStart` → `onTrainBatchEnd`)* → validation (`onValidationEpochStart` →
 * `onValidationBatchEnd`* → `onValidationEpochEnd`) → `onTrainEpochEnd`.
 */
export interface Callback {
  /** Key of this callback's state in checkpoints (default: class name, plus an index when repeated). */
  readonly stateKey?: string;
  onFitStart?: Hook;
  onFitEnd?: Hook;
  onTrainEpochStart?: Hook;
  onTrainEpochEnd?: Hook;
  onTrainBatchStart?(ctx: FitContext, batchIdx: number): void | Promise<void>;
  onTrainBatchEnd?(ctx: FitContext, out: StepMetrics, batchIdx: number): void | Promise<void>;
  onValidationEpochStart?: Hook;
  onValidationBatchEnd?(ctx: FitContext, out: StepMetrics, batchIdx: number): void | Promise<void>;
  onValidationEpochEnd?: Hook;
  onTestEpochStart?: Hook;
  onTestBatchEnd?(ctx: FitContext, out: StepMetrics, batchIdx: number): void | Promise<void>;
  onTestEpochEnd?: Hook;
  onPredictEpochStart?: Hook;
  onPredictBatchEnd?(ctx: FitContext, batchIdx: number): void | Promise<void>;
  onPredictEpochEnd?: Hook;
  /** Called when a step or hook throws; the error is rethrown afterwards. */
  onException?(ctx: FitContext, error: unknown): void | Promise<void>;
  /** JSON-serialisable state stored in checkpoints. */
  stateDict?(): unknown;
  loadStateDict?(state: unknown): void;
}

/** Stable checkpoint keys for a list of callbacks. */
export function callbackStateKeys(callbacks: readonly Callback[]): string[] {
  const seen = new Map<string, number>();
  return callbacks.map((cb) => {
    const base = cb.stateKey ?? (cb.constructor as { name?: string } | undefined)?.name ?? 'Callback';
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : `${base}#${n}`;
  });
}
