import { createHash } from 'node:crypto';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { DataError, writeFileAtomic } from '@mirkit/core';
import { readMidi } from '../score/parse-midi.js';
import { noteCount, type Score } from '../score/score.js';
import { writeMidi } from '../score/write-midi.js';
import type { MusicTokenizer } from '../tokenizers/music-tokenizer.js';
import type { TokSequence } from '../tokenizers/tok-sequence.js';
import { chunkHasNotes, splitScorePerNoteDensity, splitScorePerTracks } from './split-score.js';

/** Options of {@link splitFilesForTraining}. */
export interface SplitFilesOptions {
  maxSeqLen: number;
  averageNumTokensPerNote?: number;
  numOverlapBars?: number;
  minSeqLen?: number;
  preprocessing?: (score: Score) => Score;
  /** Called after each file (for progress reporting). */
  onFile?: (done: number, total: number) => void;
  /** Receives the `[t0, t1)` tick ranges of every density split (in original ticks), in call order. */
  onDensitySplit?: (file: string, track: number, ticks: [number, number][]) => void;
}

/** MidiTok `get_average_num_tokens_per_note` over (at most) the first 200 files. */
export async function getAverageNumTokensPerNote(tokenizer: MusicTokenizer, files: readonly string[]): Promise<number> {
  const values: number[] = [];
  for (const file of files.slice(0, 200)) {
    let score: Score;
    try {
      score = await readMidi(file);
    } catch {
      continue;
    }
    const out = tokenizer.encode(score);
    if (tokenizer.oneTokenStream) {
      const n = noteCount(score);
      if (n > 0) values.push((out as TokSequence).ids.length / n);
    } else {
      // MidiTok zips the file's tracks with the (preprocessed) streams, stopping at the shorter one.
      const seqs = out as TokSequence[];
      for (let i = 0; i < Math.min(score.tracks.length, seqs.length); i++) {
        const n = score.tracks[i]!.notes.length;
        if (n > 0) values.push(seqs[i]!.ids.length / n);
      }
    }
  }
  if (values.length === 0) throw new DataError('ERR_EMPTY_DATASET', 'All the music files provided are empty and contain no note');
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function deepestCommonDir(files: readonly string[]): string {
  const parts = files.map((f) => dirname(resolve(f)).split(sep));
  const out: string[] = [];
  for (let d = 0; d < Math.max(...parts.map((p) => p.length)); d++) {
    const v = parts[0]![d];
    if (v === undefined || parts.some((p) => p[d] !== v)) break;
    out.push(v);
  }
  return out.join(sep) || sep;
}

/** Cache key of a file list: sha-256 of the sorted paths with sizes and mtimes (MidiTok uses Python's salted hash). */
async function cacheKey(files: readonly string[]): Promise<string> {
  const h = createHash('sha256');
  for (const f of [...files].map((x) => resolve(x)).sort()) {
    const st = await stat(f).catch(() => undefined);
    h.update(`${f}\0${st?.size ?? -1}\0${st?.mtimeMs ?? -1}\n`);
  }
  return h.digest('hex').slice(0, 32);
}

/**
 * MidiTok `split_files_for_training`: splits each file (each track separately for multi-stream tokenizers) at bars
 * into chunks of about `maxSeqLen` tokens, marks them with `"miditok: chunk i/N"` and writes
 * `<stem>[_t<track>]_<i>.mid` under `saveDir`, mirroring the inputs' folders. A hidden cache file makes a second
 * call with the same files return the existing chunks.
 */
export async function splitFilesForTraining(files: readonly string[], tokenizer: MusicTokenizer, saveDir: string, options: SplitFilesOptions): Promise<string[]> {
  if (files.length === 0) throw new DataError('ERR_EMPTY_DATASET', 'No music file provided to split for training');
  const hidden = join(saveDir, `.${await cacheKey(files)}`);
  try {
    const listed = JSON.parse(await readFile(hidden, 'utf8')) as { files?: string[] };
    if (Array.isArray(listed.files)) return listed.files;
  } catch {
    // not split yet
  }
  const tpn = options.averageNumTokensPerNote ?? (await getAverageNumTokensPerNote(tokenizer, files));
  const root = deepestCommonDir(files);
  const written: string[] = [];
  let done = 0;
  for (const file of files) {
    let score: Score;
    try {
      score = await readMidi(file);
    } catch {
      options.onFile?.(++done, files.length);
      continue;
    }
    if (tokenizer.config.useTimeSignatures) {
      score.timeSignatures = score.timeSignatures.filter((t) => tokenizer.timeSignatures.some(([n, d]) => n === t.numerator && d === t.denominator));
      if (score.timeSignatures.length === 0 || score.timeSignatures[0]!.time !== 0) score.timeSignatures.unshift({ time: 0, numerator: 4, denominator: 4 });
    } else score.timeSignatures = [{ time: 0, numerator: 4, denominator: 4 }];
    if (options.preprocessing) score = options.preprocessing(score);
    let scores = [score];
    let separated = false;
    if (!tokenizer.oneTokenStream && score.tracks.length > 1) {
      scores = splitScorePerTracks(score);
      separated = true;
    }
    const relDir = dirname(relative(root, resolve(file)));
    const stem = basename(file, extname(file));
    for (let ti = 0; ti < scores.length; ti++) {
      const { chunks, ticks } = splitScorePerNoteDensity(scores[ti]!, options.maxSeqLen, tpn, options.numOverlapBars ?? 1, options.minSeqLen);
      if (ticks.length > 1) options.onDensitySplit?.(file, ti, ticks);
      for (let i = 0; i < chunks.length; i++) {
        const chunk = chunks[i]!;
        if (!chunkHasNotes(chunk)) continue;
        chunk.markers.push({ time: 0, text: `miditok: chunk ${i}/${chunks.length - 1}` });
        const name = separated ? `${stem}_t${ti}_${i}` : `${stem}_${i}`;
        const target = join(saveDir, relDir, `${name}${extname(file)}`);
        await mkdir(dirname(target), { recursive: true });
        await writeMidi(target, chunk);
        written.push(target);
      }
    }
    options.onFile?.(++done, files.length);
  }
  await mkdir(saveDir, { recursive: true });
  await writeFileAtomic(hidden, JSON.stringify({ note: `${files.length} files after file splits`, files: written }));
  return written;
}

