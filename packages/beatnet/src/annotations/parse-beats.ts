import { FormatError } from '@mirkit/core';
import { readTextFile } from '../io/read-text-file.js';

/** A parsed `.beats` annotation file. */
export interface BeatAnnotation {
  /** Beat times in seconds (float64, file order). */
  readonly times: Float64Array;
  /** Beat position in the bar (1 = downbeat) per beat, or `null` for a times-only file. */
  readonly beatNumbers: Int32Array | null;
  /** True when the file has a beat-number column. */
  readonly hasDownbeats: boolean;
}

const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function fail(source: string, line: number, text: string, why: string): FormatError {
  return new FormatError('ERR_BEATS_PARSE', `${source}:${line}: ${why} in ${JSON.stringify(text)}`, {
    details: { file: source, line },
  });
}

/** Parses the beat-number column: `3`, `3.0` (→ 3) or the old Ballroom `bar.beat` form `12.3` (→ 3). */
function parseBeatNumber(value: string): number | undefined {
  if (!NUMBER_RE.test(value)) return undefined;
  const dot = value.indexOf('.');
  const fraction = dot < 0 ? '' : value.slice(dot + 1);
  if (/^[1-9]\d*$/.test(fraction) && /^\d+$/.test(value.slice(0, dot))) return Number(fraction); // bar.beat
  const n = Number(value);
  return Number.isInteger(n) ? n : undefined;
}

/**
 * Parses a `.beats` annotation (beatnet.md §8.3). Each non-empty line is split on whitespace (spaces or tabs):
 * column 1 = time in seconds; an optional column 2 = beat position in the bar (`1` = downbeat; `2.0` and the old
 * Ballroom `bar.beat` form are accepted). Covers Ballroom (`"%.10f %d"`), beat_this / GTZAN (`"<t>\t<n>"`) and
 * times-only files.
 *
 * @param source names the file in error messages.
 * @throws FormatError `ERR_BEATS_PARSE` naming the file and the 1-based line for a non-numeric time, a bad
 *   beat number, more than two columns, or a file that mixes one- and two-column lines.
 */
export function parseBeats(text: string, source = '<beats>'): BeatAnnotation {
  const times: number[] = [];
  const numbers: number[] = [];
  let columns: number | undefined;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const fields = raw.trim().split(/\s+/).filter((f) => f.length > 0);
    if (fields.length === 0) continue;
    const line = i + 1;
    if (fields.length > 2) throw fail(source, line, raw, `expected "<time> [<beat>]", got ${fields.length} columns`);
    if (columns === undefined) columns = fields.length;
    else if (fields.length !== columns) {
      throw fail(source, line, raw, `expected ${columns} column${columns === 1 ? '' : 's'} like the lines before, got ${fields.length}`);
    }
    const time = NUMBER_RE.test(fields[0]!) ? Number(fields[0]) : Number.NaN;
    if (!Number.isFinite(time)) throw fail(source, line, raw, `time '${fields[0]}' is not a finite number`);
    times.push(time);
    if (fields.length === 2) {
      const beat = parseBeatNumber(fields[1]!);
      if (beat === undefined || beat < 1) throw fail(source, line, raw, `beat number '${fields[1]}' is not a positive integer`);
      numbers.push(beat);
    }
  }
  const hasDownbeats = columns === 2;
  return { times: Float64Array.from(times), beatNumbers: hasDownbeats ? Int32Array.from(numbers) : null, hasDownbeats };
}

/**
 * Reads and parses a `.beats` file ({@link parseBeats}).
 * @throws DataError `ERR_MISSING_FILE` when the file cannot be read.
 */
export async function readBeatsFile(path: string): Promise<BeatAnnotation> {
  return parseBeats(await readTextFile(path, 'beat annotation'), path);
}

/** Times of the beats with beat number 1 (empty for a times-only annotation). */
export function downbeatTimes(annotation: BeatAnnotation): Float64Array {
  const { beatNumbers, times } = annotation;
  if (!beatNumbers) return new Float64Array(0);
  return times.filter((_, i) => beatNumbers[i] === 1);
}
