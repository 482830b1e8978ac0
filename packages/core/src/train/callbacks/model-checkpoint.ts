import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError } from '../../errors.js';
import type { Callback } from '../callback.js';
import type { FitContext } from '../fit-context.js';
import { assertMode, improves, readMonitor, type MonitorMode } from './monitor.js';

export interface ModelCheckpointOptions {
  /** Directory for checkpoint files (created if missing). */
  dirpath: string;
  /**
   * File name template without extension; `{epoch}`, `{step}` and any metric (`{val_loss}`, `{val_loss:.4f}`)
   * are substituted (default `'epoch={epoch}-step={step}'`). `.ckpt` is appended.
   */
  filename?: string;
  /** Metric that ranks checkpoints; without it the latest ones are kept. */
  monitor?: string;
  mode?: MonitorMode;
  /** Keep the best k files (default 1); -1 keeps every file, 0 none (only `last.ckpt` if `saveLast`). */
  saveTopK?: number;
  /** Also write `last.ckpt` after every epoch. */
  saveLast?: boolean;
  /** Save every n epochs (default 1). */
  everyNEpochs?: number;
}

interface Kept {
  path: string;
  score: number;
}

interface ModelCheckpointState {
  kept: Kept[];
  bestPath: string | null;
  bestScore: number | null;
  lastPath: string | null;
}

const FIELD = /\{([A-Za-z0-9_./-]+?)(?::\.(\d+)f)?\}/g;

/** Formats a filename template with epoch, step and metric values. */
export function formatCheckpointName(template: string, values: Record<string, number>): string {
  return template.replace(FIELD, (whole, key: string, digits: string | undefined) => {
    const v = values[key];
    if (v === undefined) return whole;
    return digits === undefined ? String(v) : v.toFixed(Number(digits));
  });
}

/**
 * Saves checkpoints at the end of training epochs (after validation, and after every other callback's
 * `onTrainEpochEnd`, so LR schedulers, early stopping and loggers are saved in their end-of-epoch state): weights,
 * optimizer state, trainer state and RNG state, each file written atomically. Keeps the `saveTopK` best by
 * `monitor` (Lightning's ModelCheckpoint).
 */
export class ModelCheckpoint implements Callback {
  readonly dirpath: string;
  readonly filename: string;
  readonly monitor: string | undefined;
  readonly mode: MonitorMode;
  readonly saveTopK: number;
  readonly saveLast: boolean;
  readonly everyNEpochs: number;
  kept: Kept[] = [];
  bestModelPath: string | undefined;
  bestModelScore: number | undefined;
  lastModelPath: string | undefined;

  constructor(options: ModelCheckpointOptions) {
    if (typeof options?.dirpath !== 'string' || options.dirpath === '') {
      throw new ConfigError(
        'ERR_INVALID_OPTION',
        `ModelCheckpoint: dirpath should be a non-empty string, but got ${String(options?.dirpath)}`,
      );
    }
    this.dirpath = options.dirpath;
    this.filename = options.filename ?? 'epoch={epoch}-step={step}';
    this.monitor = options.monitor;
    const mode = options.mode ?? 'min';
    assertMode(mode, 'ModelCheckpoint');
    this.mode = mode;
    this.saveTopK = options.saveTopK ?? 1;
    if (!Number.isInteger(this.saveTopK) || this.saveTopK < -1) {
      throw new ConfigError(
        'ERR_INVALID_OPTION',
        `ModelCheckpoint: saveTopK should be an integer ≥ -1, but got ${options.saveTopK}`,
      );
    }
    this.saveLast = options.saveLast ?? false;
    this.everyNEpochs = options.everyNEpochs ?? 1;
    if (!Number.isInteger(this.everyNEpochs) || this.everyNEpochs < 1) {
      throw new ConfigError(
        'ERR_INVALID_OPTION',
        `ModelCheckpoint: everyNEpochs should be a positive integer, but got ${options.everyNEpochs}`,
      );
    }
  }

  async onTrainEpochEnd(ctx: FitContext): Promise<void> {
    if (ctx.stage !== 'fit' || (ctx.epoch + 1) % this.everyNEpochs !== 0) return;
    const values: Record<string, number> = { ...ctx.metrics, epoch: ctx.epoch, step: ctx.globalStep };
    if (this.saveTopK !== 0) {
      const score =
        this.monitor === undefined
          ? ctx.globalStep
          : readMonitor(ctx.metrics, this.monitor, 'ModelCheckpoint');
      const mode: MonitorMode = this.monitor === undefined ? 'max' : this.mode;
      await this.#maybeSaveTopK(
        ctx,
        join(this.dirpath, `${formatCheckpointName(this.filename, values)}.ckpt`),
        score,
        mode,
      );
    }
    if (this.saveLast) {
      const last = join(this.dirpath, 'last.ckpt');
      this.lastModelPath = last;
      await ctx.saveCheckpoint(last);
    }
  }

  async #maybeSaveTopK(ctx: FitContext, path: string, score: number, mode: MonitorMode): Promise<void> {
    const worstOf = (list: Kept[]): Kept | undefined =>
      list.reduce<Kept | undefined>(
        (w, k) => (w === undefined || improves(w.score, k.score, mode) ? k : w),
        undefined,
      );
    const previous = { kept: this.kept, best: this.bestModelPath, score: this.bestModelScore };
    const w = worstOf(this.kept);
    if (
      this.saveTopK !== -1 &&
      this.kept.length >= this.saveTopK &&
      w !== undefined &&
      !improves(score, w.score, mode)
    )
      return;
    // Update the bookkeeping first, so the checkpoint being written already lists itself.
    let kept = [...this.kept.filter((k) => k.path !== path), { path, score }];
    const dropped: Kept[] = [];
    while (this.saveTopK !== -1 && kept.length > this.saveTopK) {
      const drop = worstOf(kept)!;
      kept = kept.filter((k) => k !== drop);
      dropped.push(drop);
    }
    const best = kept.reduce<Kept | undefined>(
      (b, k) => (b === undefined || improves(k.score, b.score, mode) ? k : b),
      undefined,
    );
    this.kept = kept;
    this.bestModelPath = best?.path;
    this.bestModelScore = best?.score;
    try {
      await ctx.saveCheckpoint(path);
    } catch (error) {
      this.kept = previous.kept;
      this.bestModelPath = previous.best;
      this.bestModelScore = previous.score;
      throw error;
    }
    for (const d of dropped) if (d.path !== path) await rm(d.path, { force: true });
  }

  stateDict(): ModelCheckpointState {
    return {
      kept: this.kept.map((k) => ({ ...k })),
      bestPath: this.bestModelPath ?? null,
      bestScore: this.bestModelScore ?? null,
      lastPath: this.lastModelPath ?? null,
    };
  }

  loadStateDict(state: unknown): void {
    const s = state as Partial<ModelCheckpointState>;
    this.kept = Array.isArray(s.kept)
      ? s.kept.map((k) => ({ path: String(k.path), score: Number(k.score) }))
      : [];
    this.bestModelPath = s.bestPath ?? undefined;
    this.bestModelScore = s.bestScore ?? undefined;
    this.lastModelPath = s.lastPath ?? undefined;
  }
}
