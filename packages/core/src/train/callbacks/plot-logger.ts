import { ConfigError } from '../../errors.js';
import { writeFileAtomic } from '../../io/write-file-atomic.js';
import { renderLinePlotGridSvg, type LinePlotOptions, type LineSeries } from '../../plot/line-plot-svg.js';
import { RowLogger, type MetricsRow } from './row-logger.js';

export interface PlotLoggerOptions {
  /** Output directory (created if missing). */
  dirpath: string;
  /** File name (default `metrics.svg`). */
  filename?: string;
  /** Metrics to plot (default: every numeric epoch-level metric, `lr` included). */
  keys?: readonly string[];
  /** Rewrite the SVG after every epoch (default true); otherwise only at the end of `fit`. */
  everyEpoch?: boolean;
}

const STAGE_PREFIX = /^(?:train|val|valid|validation|test)[_/](?=.)/;

/** The panel a metric goes to: its name without a `train_`/`val_`/`test_` (or `train/`…) prefix. */
export function metricBaseName(key: string): string {
  return key.replace(STAGE_PREFIX, '');
}

/** A row value as a number; `null` is a NaN that went through a JSON checkpoint. */
function numeric(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  return v === null ? Number.NaN : undefined;
}

/**
 * Plots epoch-level metrics against the epoch as an SVG (`metrics.svg`), one panel per metric base name, so
 * `train_loss` and `val_loss` share the `loss` panel and `lr` gets its own. Rows are collected like the CSV and
 * JSON-lines loggers (the epoch row written at `onTrainEpochEnd`, carried in checkpoints), without step rows; a
 * non-finite value breaks its line, a metric missing in an epoch is skipped. The file is written atomically after
 * each epoch (unless `everyEpoch: false`) and at the end of `fit`.
 */
export class PlotLogger extends RowLogger {
  readonly keys: readonly string[] | undefined;
  readonly everyEpoch: boolean;

  constructor(options: PlotLoggerOptions) {
    super(
      { dir: options.dirpath, ...(options.filename !== undefined ? { filename: options.filename } : {}) },
      'metrics.svg',
    );
    if (options.keys !== undefined && !options.keys.every((k) => typeof k === 'string')) {
      throw new ConfigError('ERR_INVALID_OPTION', 'PlotLogger: keys should be an array of metric names');
    }
    this.keys = options.keys;
    this.everyEpoch = options.everyEpoch ?? true;
  }

  /** Step rows are not plotted (nor is the SVG rewritten every step). */
  override async onTrainBatchEnd(): Promise<void> {
    // nothing: only epoch rows are plotted
  }

  async onFitEnd(): Promise<void> {
    await writeFileAtomic(this.path, this.toSvg());
  }

  protected async write(): Promise<void> {
    if (this.everyEpoch) await writeFileAtomic(this.path, this.toSvg());
  }

  /** The epoch rows, one per epoch (the latest when an epoch was logged twice), by epoch. */
  epochRows(): MetricsRow[] {
    const byEpoch = new Map<number, MetricsRow>();
    for (const row of this.rows) {
      if (row.stage === undefined && typeof row.epoch === 'number') byEpoch.set(row.epoch, row);
    }
    return [...byEpoch.entries()].sort((a, b) => a[0] - b[0]).map(([, row]) => row);
  }

  /** The plots the SVG holds: one per metric base name, in order of first appearance. */
  plots(): LinePlotOptions[] {
    const rows = this.epochRows();
    const keys: string[] = [];
    if (this.keys !== undefined) keys.push(...this.keys);
    else {
      for (const row of rows) {
        for (const [k, v] of Object.entries(row)) {
          if (k !== 'epoch' && k !== 'step' && numeric(v) !== undefined && !keys.includes(k)) keys.push(k);
        }
      }
    }
    const groups = new Map<string, LineSeries[]>();
    for (const key of keys) {
      const points: [number, number][] = [];
      for (const row of rows) {
        const v = numeric(row[key]);
        if (v !== undefined) points.push([row.epoch as number, v]);
      }
      const base = metricBaseName(key);
      const group = groups.get(base) ?? [];
      group.push({ name: key, points });
      groups.set(base, group);
    }
    return [...groups.entries()].map(([base, series]) => ({
      title: base,
      xLabel: 'epoch',
      yLabel: base,
      series,
      width: 640,
      height: 320,
      integerX: true,
    }));
  }

  /** The current SVG document. */
  toSvg(): string {
    return renderLinePlotGridSvg(this.plots());
  }
}
