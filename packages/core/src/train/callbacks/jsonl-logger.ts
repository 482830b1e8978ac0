import { writeFileAtomic } from '../../io/write-file-atomic.js';
import { RowLogger, type MetricsLoggerOptions } from './row-logger.js';

/** Writes one JSON object per line (`metrics.jsonl`); non-finite numbers are written as strings (`"NaN"`). */
export class JsonlLogger extends RowLogger {
  constructor(options: MetricsLoggerOptions) {
    super(options, 'metrics.jsonl');
  }

  protected async write(): Promise<void> {
    const text = this.rows
      .map((r) =>
        JSON.stringify(r, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)),
      )
      .join('\n');
    await writeFileAtomic(this.path, `${text}\n`);
  }
}
