import { ConfigError } from '../errors.js';
import { formatDuration, formatRate } from './format.js';

/** The subset of a writable stream progress needs (`process.stderr`, a file stream, or a fake in tests). */
export interface ProgressStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean | undefined;
  readonly columns?: number | undefined;
}

export interface ProgressOptions {
  /** Expected final count; omit when unknown (no bar, no ETA). */
  total?: number | undefined;
  /** Text before the counters, e.g. `'epoch 1'`. */
  label?: string;
  /** Where to draw (default `process.stderr`). */
  stream?: ProgressStream;
  /** What is counted, e.g. `'items'`, `'batches'` (default `'it'`). */
  unit?: string;
  /**
   * Force the display mode: `true` = one updating line, `false` = plain lines. Default: updating line when the
   * stream is a TTY and the `CI` environment variable is not set.
   */
  tty?: boolean;
  /** Plain mode: print a line at most every this many milliseconds (default 10000)… */
  intervalMs?: number;
  /** …or whenever another `percentStep` percent of `total` is done (default 10; 0 disables). */
  percentStep?: number;
  /** Clock in milliseconds (default `performance.now`; tests pass a fake). */
  now?: () => number;
}

/** Handle returned by {@link createProgress}. */
export interface Progress {
  /** Adds `n` (default 1) to the count; `info` (short text, e.g. `'loss 0.31'`) is shown after the counters. */
  tick(n?: number, info?: string): void;
  /** Sets the count to `n`. */
  set(n: number, info?: string): void;
  /** Finishes with a final line (`summary` appended). Further calls are ignored. */
  done(summary?: string): void;
  /** Finishes with a failure line (`message` appended). Further calls are ignored. */
  fail(message?: string): void;
  /** Current count. */
  readonly count: number;
}

const REDRAW_MS = 100; // ≤ 10 redraws per second
const BAR_WIDTH = 24;

/**
 * Progress on a stream (stderr by default), shared by the DataLoader demo, the trainer, the CLI and plugins.
 *
 * - **TTY** (and not CI): one line redrawn in place, at most 10 times per second —
 *   `label [#######-------] 420/1000 items 85.3 items/s ETA 0:07 info`.
 * - **Otherwise** (pipes, CI logs): a plain line every `intervalMs` or every `percentStep` percent, whichever comes
 *   first — never one line per tick.
 * - `done()` / `fail()` always print a final line with the count, elapsed time and average rate.
 */
export function createProgress(options: ProgressOptions = {}): Progress {
  const { total, label = '', unit = 'it', intervalMs = 10_000, percentStep = 10 } = options;
  if (total !== undefined && (!Number.isFinite(total) || total < 0)) {
    throw new ConfigError('ERR_INVALID_OPTION', `total should be a non-negative finite number, but got ${total}`);
  }
  const stream: ProgressStream = options.stream ?? process.stderr;
  const now = options.now ?? (() => performance.now());
  const ci = Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0';
  const tty = options.tty ?? (stream.isTTY === true && !ci);
  const start = now();
  let count = 0;
  let info = '';
  let finished = false;
  let lastDraw = -Infinity;
  let lastLine = start;
  let lastPercentStep = 0;
  let drawn = false;

  const prefix = label ? `${label} ` : '';
  const elapsedS = (): number => Math.max(now() - start, 1e-9) / 1000;

  const counters = (): string => {
    const rate = count / elapsedS();
    const parts = [total === undefined ? `${count} ${unit}` : `${count}/${total} ${unit}`, `${formatRate(rate)} ${unit}/s`];
    if (total !== undefined && count < total && rate > 0) parts.push(`ETA ${formatDuration((total - count) / rate)}`);
    if (info) parts.push(info);
    return parts.join(' ');
  };

  const bar = (): string => {
    if (total === undefined) return '';
    const frac = total === 0 ? 1 : Math.min(1, count / total);
    const filled = Math.round(frac * BAR_WIDTH);
    return `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] `;
  };

  const drawTty = (): void => {
    let line = `${prefix}${bar()}${counters()}`;
    const columns = stream.columns;
    if (columns !== undefined && columns > 1 && line.length >= columns) line = line.slice(0, columns - 1);
    stream.write(`\r${line}\x1b[K`);
    drawn = true;
  };

  const maybeDraw = (): void => {
    const t = now();
    if (tty) {
      if (t - lastDraw >= REDRAW_MS) {
        lastDraw = t;
        drawTty();
      }
      return;
    }
    let due = t - lastLine >= intervalMs;
    if (total !== undefined && total > 0 && percentStep > 0) {
      const step = Math.floor((Math.min(count, total) / total) * 100 / percentStep);
      if (step > lastPercentStep) {
        lastPercentStep = step;
        due = true;
      }
    }
    if (due && (total === undefined || count < total)) {
      lastLine = t;
      stream.write(`${prefix}${counters()}\n`);
    }
  };

  const finish = (status: string, extra: string | undefined): void => {
    if (finished) return;
    finished = true;
    const elapsed = elapsedS();
    const amount = total === undefined ? `${count} ${unit}` : `${count}/${total} ${unit}`;
    const line = `${prefix}${status} ${amount} in ${formatDuration(elapsed)} (${formatRate(count / elapsed)} ${unit}/s)${extra ? ` ${extra}` : ''}`;
    if (tty) stream.write(`${drawn ? '\r' : ''}${line}\x1b[K\n`);
    else stream.write(`${line}\n`);
  };

  const update = (n: number, text: string | undefined): void => {
    if (!Number.isFinite(n)) throw new ConfigError('ERR_INVALID_OPTION', `Progress count should be a finite number, but got ${n}`);
    if (finished) return;
    count = n;
    if (text !== undefined) info = text;
    maybeDraw();
  };

  return {
    tick(n = 1, text) {
      update(count + n, text);
    },
    set(n, text) {
      update(n, text);
    },
    done(summary) {
      finish('done', summary);
    },
    fail(message) {
      finish('failed at', message);
    },
    get count() {
      return count;
    },
  };
}
