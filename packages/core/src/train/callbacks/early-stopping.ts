import { ConfigError } from '../../errors.js';
import type { Callback } from '../callback.js';
import type { FitContext } from '../fit-context.js';
import { assertMode, improves, readMonitor, type MonitorMode } from './monitor.js';

export interface EarlyStoppingOptions {
  /** Metric to watch (default `'val_loss'`). */
  monitor?: string;
  mode?: MonitorMode;
  /** Epochs without improvement before stopping (default 3). */
  patience?: number;
  /** Smallest change that counts as an improvement (default 0). */
  minDelta?: number;
  /** Throw when the metric is missing (default true); otherwise skip the check. */
  strict?: boolean;
  /** Stop when the metric becomes NaN or infinite (default true). */
  checkFinite?: boolean;
}

interface EarlyStoppingState {
  best: number | null;
  wait: number;
  stoppedEpoch: number | null;
}

/** Stops training when a monitored metric stops improving (Lightning's EarlyStopping; checked at epoch end). */
export class EarlyStopping implements Callback {
  readonly monitor: string;
  readonly mode: MonitorMode;
  readonly patience: number;
  readonly minDelta: number;
  readonly strict: boolean;
  readonly checkFinite: boolean;
  best: number | undefined;
  wait = 0;
  /** Epoch at which it requested the stop, if it did. */
  stoppedEpoch: number | undefined;
  /** Why it stopped (or undefined). */
  reason: string | undefined;

  constructor(options: EarlyStoppingOptions = {}) {
    this.monitor = options.monitor ?? 'val_loss';
    const mode = options.mode ?? 'min';
    assertMode(mode, 'EarlyStopping');
    this.mode = mode;
    this.patience = options.patience ?? 3;
    if (!Number.isInteger(this.patience) || this.patience < 0) {
      throw new ConfigError(
        'ERR_INVALID_OPTION',
        `EarlyStopping: patience should be a non-negative integer, but got ${options.patience}`,
      );
    }
    this.minDelta = Math.abs(options.minDelta ?? 0);
    this.strict = options.strict ?? true;
    this.checkFinite = options.checkFinite ?? true;
  }

  onTrainEpochEnd(ctx: FitContext): void {
    if (ctx.stage !== 'fit') return;
    if (!this.strict && ctx.metrics[this.monitor] === undefined) return;
    const current = readMonitor(ctx.metrics, this.monitor, 'EarlyStopping');
    if (this.checkFinite && !Number.isFinite(current)) {
      this.#stop(ctx, `${this.monitor} = ${current} is not finite`);
      return;
    }
    if (improves(current, this.best, this.mode, this.minDelta)) {
      this.best = current;
      this.wait = 0;
      return;
    }
    this.wait += 1;
    if (this.wait >= this.patience) {
      this.#stop(
        ctx,
        `${this.monitor} did not improve by more than ${this.minDelta} for ${this.wait} epochs (best ${this.best})`,
      );
    }
  }

  #stop(ctx: FitContext, reason: string): void {
    ctx.shouldStop = true;
    this.stoppedEpoch = ctx.epoch;
    this.reason = reason;
    ctx.log(`EarlyStopping: stopping at epoch ${ctx.epoch}: ${reason}`);
  }

  stateDict(): EarlyStoppingState {
    return { best: this.best ?? null, wait: this.wait, stoppedEpoch: this.stoppedEpoch ?? null };
  }

  loadStateDict(state: unknown): void {
    const s = state as Partial<EarlyStoppingState>;
    this.best = typeof s.best === 'number' ? s.best : undefined;
    this.wait = typeof s.wait === 'number' ? s.wait : 0;
    this.stoppedEpoch = typeof s.stoppedEpoch === 'number' ? s.stoppedEpoch : undefined;
  }
}
