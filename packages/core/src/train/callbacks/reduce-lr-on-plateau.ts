import { ConfigError } from '../../errors.js';
import type { Callback } from '../callback.js';
import type { FitContext } from '../fit-context.js';
import { assertMode, readMonitor, type MonitorMode } from './monitor.js';

export interface ReduceLrOnPlateauOptions {
  monitor?: string;
  mode?: MonitorMode;
  /** New LR = LR · factor (default 0.1). */
  factor?: number;
  /** Epochs without improvement before reducing (default 10). */
  patience?: number;
  /** Improvement threshold (default 1e-4). */
  threshold?: number;
  /** `'rel'` (default) or `'abs'`, as torch. */
  thresholdMode?: 'rel' | 'abs';
  /** Epochs to wait after a reduction (default 0). */
  cooldown?: number;
  minLr?: number;
  /** Reductions smaller than this are skipped (default 1e-8). */
  eps?: number;
}

/** torch's ReduceLROnPlateau, stepped with the monitored metric at the end of each epoch. */
export class ReduceLrOnPlateau implements Callback {
  readonly monitor: string;
  readonly mode: MonitorMode;
  readonly factor: number;
  readonly patience: number;
  readonly threshold: number;
  readonly thresholdMode: 'rel' | 'abs';
  readonly cooldown: number;
  readonly minLr: number;
  readonly eps: number;
  best: number | undefined;
  numBadEpochs = 0;
  cooldownCounter = 0;

  constructor(options: ReduceLrOnPlateauOptions = {}) {
    this.monitor = options.monitor ?? 'val_loss';
    const mode = options.mode ?? 'min';
    assertMode(mode, 'ReduceLrOnPlateau');
    this.mode = mode;
    this.factor = options.factor ?? 0.1;
    if (!(this.factor < 1 && this.factor > 0)) {
      throw new ConfigError(
        'ERR_INVALID_OPTION',
        `ReduceLrOnPlateau: factor should be in (0, 1), but got ${options.factor}`,
      );
    }
    this.patience = options.patience ?? 10;
    this.threshold = options.threshold ?? 1e-4;
    this.thresholdMode = options.thresholdMode ?? 'rel';
    this.cooldown = options.cooldown ?? 0;
    this.minLr = options.minLr ?? 0;
    this.eps = options.eps ?? 1e-8;
  }

  #isBetter(a: number, best: number | undefined): boolean {
    if (best === undefined) return true;
    if (this.mode === 'min')
      return this.thresholdMode === 'rel' ? a < best * (1 - this.threshold) : a < best - this.threshold;
    return this.thresholdMode === 'rel' ? a > best * (1 + this.threshold) : a > best + this.threshold;
  }

  onTrainEpochEnd(ctx: FitContext): void {
    if (ctx.stage !== 'fit') return;
    const current = readMonitor(ctx.metrics, this.monitor, 'ReduceLrOnPlateau');
    if (this.#isBetter(current, this.best)) {
      this.best = current;
      this.numBadEpochs = 0;
    } else {
      this.numBadEpochs += 1;
    }
    if (this.cooldownCounter > 0) {
      this.cooldownCounter -= 1;
      this.numBadEpochs = 0;
    }
    if (this.numBadEpochs > this.patience) {
      const old = ctx.learningRate;
      if (old !== undefined) {
        const lr = Math.max(old * this.factor, this.minLr);
        if (old - lr > this.eps) {
          ctx.setLearningRate(lr);
          ctx.log(`ReduceLrOnPlateau: ${this.monitor} plateaued; learning rate ${old} → ${lr}`);
        }
      }
      this.cooldownCounter = this.cooldown;
      this.numBadEpochs = 0;
    }
  }

  stateDict(): unknown {
    return {
      best: this.best ?? null,
      numBadEpochs: this.numBadEpochs,
      cooldownCounter: this.cooldownCounter,
    };
  }

  loadStateDict(state: unknown): void {
    const s = state as { best?: number | null; numBadEpochs?: number; cooldownCounter?: number };
    this.best = s.best ?? undefined;
    this.numBadEpochs = s.numBadEpochs ?? 0;
    this.cooldownCounter = s.cooldownCounter ?? 0;
  }
}
