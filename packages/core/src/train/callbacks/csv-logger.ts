import { writeFileAtomic } from '../../io/write-file-atomic.js';
import { RowLogger, type MetricsLoggerOptions } from './row-logger.js';

function csvCell(v: number | string | undefined): string {
  if (v === undefined) return '';
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Writes metrics as CSV (Lightning's CSVLogger). The header is the union of every key seen, so the whole file is
 * rewritten (atomically) on each write; rows logged before a resume are carried in the checkpoint.
 */
export class CsvLogger extends RowLogger {
  constructor(options: MetricsLoggerOptions) {
    super(options, 'metrics.csv');
  }

  protected async write(): Promise<void> {
    const columns: string[] = [];
    for (const row of this.rows) for (const k of Object.keys(row)) if (!columns.includes(k)) columns.push(k);
    const lines = [
      columns.map(csvCell).join(','),
      ...this.rows.map((r) => columns.map((c) => csvCell(r[c])).join(',')),
    ];
    await writeFileAtomic(this.path, `${lines.join('\n')}\n`);
  }
}
