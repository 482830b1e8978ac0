import type { Callback } from '../callback.js';
import type { FitContext } from '../fit-context.js';

/** Base of the epoch-interval LR schedulers: reads the base LR at fit start and sets the LR after each epoch. */
export abstract class LrScheduler implements Callback {
  baseLr: number | undefined;
  /** Epochs completed (torch's `last_epoch`). */
  lastEpoch = 0;

  /** LR for the epoch following `lastEpoch` completed epochs. */
  protected abstract lrAt(epochsDone: number, ctx: FitContext): number | undefined;

  onFitStart(ctx: FitContext): void {
    if (this.baseLr === undefined) this.baseLr = ctx.learningRate;
  }

  onTrainEpochEnd(ctx: FitContext): void {
    if (ctx.stage !== 'fit' || this.baseLr === undefined) return;
    this.lastEpoch += 1;
    const lr = this.lrAt(this.lastEpoch, ctx);
    if (lr !== undefined && lr !== ctx.learningRate) ctx.setLearningRate(lr);
  }

  stateDict(): unknown {
    return { baseLr: this.baseLr ?? null, lastEpoch: this.lastEpoch };
  }

  loadStateDict(state: unknown): void {
    const s = state as { baseLr?: number | null; lastEpoch?: number };
    this.baseLr = s.baseLr ?? undefined;
    this.lastEpoch = s.lastEpoch ?? 0;
  }
}
