import { isMirError } from '@mirkit/core';

/** Binary name used in messages. */
export const CLI_NAME = 'mirkit';

/** Exit statuses of the `mirkit` binary. */
export const EXIT = { ok: 0, runtime: 1, usage: 2, aborted: 130 } as const;

/** Writes one line (adds the newline). */
export function writeLine(stream: NodeJS.WritableStream, text = ''): void {
  stream.write(`${text}\n`);
}

/** JSON replacer: bigint → number when safe, else string; typed arrays → plain arrays. */
export function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return bigintToJson(value);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number | bigint>, (v) =>
      typeof v === 'bigint' ? bigintToJson(v) : v,
    );
  }
  return value;
}

/** A bigint as a JSON value: a number when it is a safe integer, a decimal string otherwise. */
export function bigintToJson(value: bigint): number | string {
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : value.toString();
}

/** Prints a value as pretty JSON on its own lines. */
export function printJson(stream: NodeJS.WritableStream, value: unknown): void {
  writeLine(stream, JSON.stringify(value, jsonReplacer, 2));
}

/** Aligns rows of cells into columns separated by two spaces (trailing spaces trimmed). */
export function formatTable(rows: readonly (readonly string[])[], indent = ''): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    (
      indent + row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ')
    ).trimEnd(),
  );
}

/** True for errors that mean "the command line was wrong" (exit status 2). */
export function isUsageError(error: unknown): boolean {
  if (isMirError(error)) return error.details['usage'] === true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

/** The code shown after an error message: the MirError code, a Node error code, or `ERR_UNEXPECTED`. */
export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code !== '' ? code : 'ERR_UNEXPECTED';
}

/** Collapses whitespace so a message always fits on one line. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** `mirkit: <message> [CODE]` — the single line printed for a failure. */
export function formatErrorLine(error: unknown, prefix = `${CLI_NAME}: `): string {
  const message = error instanceof Error ? error.message : String(error);
  const named =
    error instanceof Error && !isMirError(error) && !(error as { code?: unknown }).code
      ? `${error.name}: ${message}`
      : message;
  return `${prefix}${oneLine(named) || 'unknown error'} [${errorCode(error)}]`;
}

/** Stack trace and the chain of causes, for `--verbose`. */
export function formatErrorDetail(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 8; depth++) {
    const text =
      current instanceof Error ? (current.stack ?? `${current.name}: ${current.message}`) : String(current);
    parts.push(depth === 0 ? text : `Caused by: ${text}`);
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join('\n');
}

/** Prints an error: one line, plus stack and causes when verbose. Returns the exit status it deserves. */
export function reportError(stderr: NodeJS.WritableStream, error: unknown, verbose: boolean): number {
  writeLine(stderr, formatErrorLine(error));
  if (verbose) writeLine(stderr, formatErrorDetail(error));
  if (isMirError(error) && error.code === 'ERR_ABORTED') return EXIT.aborted;
  return isUsageError(error) ? EXIT.usage : EXIT.runtime;
}
