import { createProgress, type Progress, type ProgressStream } from '../../progress/create-progress.js';
import type { Callback } from '../callback.js';
import type { FitContext, StepMetrics } from '../fit-context.js';

export interface ProgressBarOptions {
  /** Where to draw (default `process.stderr`). */
  stream?: ProgressStream;
  /** Force the display mode (default: redrawn line on a TTY outside CI, plain lines otherwise). */
  tty?: boolean;
  /** Plain mode: at most one line per this many ms (default 10000)… */
  intervalMs?: number;
  /** …or per this many percent of the epoch (default 50; 0 disables). */
  percentStep?: number;
}

function fmt(metrics: Readonly<Record<string, number>>): string {
  return Object.entries(metrics)
    .map(
      ([k, v]) =>
        `${k} ${Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(3) : v.toFixed(4)}`,
    )
    .join(' ');
}

/**
 * Per-epoch progress with batch rate and ETA, through core's `createProgress`: one redrawn line on a TTY, plain
 * periodic lines when not a TTY or under CI. Shows the running loss and, at epoch end, the epoch metrics.
 */
export class ProgressBar implements Callback {
  readonly #options: ProgressBarOptions;
  #bar: Progress | undefined;
  #lossSum = 0;
  #count = 0;

  constructor(options: ProgressBarOptions = {}) {
    this.#options = options;
  }

  #open(label: string, total: number | undefined): void {
    this.#bar?.done();
    this.#bar = createProgress({
      label,
      unit: 'batches',
      ...(total !== undefined ? { total } : {}),
      ...(this.#options.stream ? { stream: this.#options.stream } : {}),
      ...(this.#options.tty !== undefined ? { tty: this.#options.tty } : {}),
      ...(this.#options.intervalMs !== undefined ? { intervalMs: this.#options.intervalMs } : {}),
      percentStep: this.#options.percentStep ?? 50,
    });
    this.#lossSum = 0;
    this.#count = 0;
  }

  onTrainEpochStart(ctx: FitContext): void {
    this.#open(`epoch ${ctx.epoch + 1}/${ctx.maxEpochs}`, ctx.numTrainBatches);
  }

  onTrainBatchEnd(_ctx: FitContext, out: StepMetrics): void {
    this.#lossSum += out.loss;
    this.#count += 1;
    this.#bar?.tick(1, `loss ${(this.#lossSum / this.#count).toFixed(4)}`);
  }

  onTrainEpochEnd(ctx: FitContext): void {
    this.#bar?.done(fmt(ctx.metrics));
    this.#bar = undefined;
  }

  onValidationEpochStart(ctx: FitContext): void {
    if (ctx.stage !== 'fit') this.#open(ctx.stage, ctx.numEvalBatches);
  }

  onValidationBatchEnd(ctx: FitContext): void {
    if (ctx.stage !== 'fit') this.#bar?.tick(1);
  }

  onValidationEpochEnd(ctx: FitContext): void {
    if (ctx.stage !== 'fit') {
      this.#bar?.done(fmt(ctx.metrics));
      this.#bar = undefined;
    }
  }

  onTestEpochStart(ctx: FitContext): void {
    this.#open('test', ctx.numEvalBatches);
  }

  onTestBatchEnd(): void {
    this.#bar?.tick(1);
  }

  onTestEpochEnd(ctx: FitContext): void {
    this.#bar?.done(fmt(ctx.metrics));
    this.#bar = undefined;
  }

  onException(): void {
    this.#bar?.fail();
    this.#bar = undefined;
  }
}
