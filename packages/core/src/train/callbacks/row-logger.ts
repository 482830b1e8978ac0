import { join } from 'node:path';
import type { Callback } from '../callback.js';
import type { FitContext, StepMetrics } from '../fit-context.js';

export interface MetricsLoggerOptions {
  /** Output directory (created if missing). */
  dir: string;
  /** File name (default `metrics.csv` / `metrics.jsonl`). */
  filename?: string;
}

/** One logged row: step rows every `logEvery` steps, and one row per epoch with the epoch metrics. */
export type MetricsRow = Record<string, number | string>;

/** Collects step and epoch rows (shared by the CSV and JSON-lines loggers). */
export abstract class RowLogger implements Callback {
  readonly path: string;
  readonly rows: MetricsRow[] = [];

  constructor(options: MetricsLoggerOptions, defaultName: string) {
    this.path = join(options.dir, options.filename ?? defaultName);
  }

  protected abstract write(): Promise<void>;

  async onTrainBatchEnd(ctx: FitContext, out: StepMetrics): Promise<void> {
    if (ctx.globalStep % ctx.logEvery !== 0) return;
    this.rows.push({ epoch: ctx.epoch, step: ctx.globalStep, loss: out.loss, ...out.logs });
    await this.write();
  }

  async onTrainEpochEnd(ctx: FitContext): Promise<void> {
    if (ctx.stage !== 'fit') return;
    const lr = ctx.learningRate;
    this.rows.push({
      epoch: ctx.epoch,
      step: ctx.globalStep,
      ...(lr !== undefined ? { lr } : {}),
      ...ctx.metrics,
    });
    await this.write();
  }

  async onValidationEpochEnd(ctx: FitContext): Promise<void> {
    if (ctx.stage === 'fit') return;
    this.rows.push({ stage: ctx.stage, ...ctx.metrics });
    await this.write();
  }

  async onTestEpochEnd(ctx: FitContext): Promise<void> {
    this.rows.push({ stage: 'test', ...ctx.metrics });
    await this.write();
  }

  stateDict(): unknown {
    return { rows: this.rows };
  }

  loadStateDict(state: unknown): void {
    const rows = (state as { rows?: MetricsRow[] }).rows;
    this.rows.splice(0, this.rows.length, ...(Array.isArray(rows) ? rows : []));
  }
}
