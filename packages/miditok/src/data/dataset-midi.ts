import { readFile } from 'node:fs/promises';
import { createRng, DataError, type Dataset, type Rng } from '@mirkit/core';
import { createRandomAcIndexes } from '../attribute-controls/attribute-controls.js';
import { readMidi } from '../score/parse-midi.js';
import type { Score } from '../score/score.js';
import type { MusicTokenizer } from '../tokenizers/music-tokenizer.js';
import type { TokSequence } from '../tokenizers/tok-sequence.js';
import { preprocessTokenIds } from './preprocess-token-ids.js';

/** A dataset item: `{ [sampleKey]: Int32Array | null, [labelsKey]?: … }` (null when the file cannot be read). */
export type MidiSample = Record<string, Int32Array | number | null>;

/** Options of {@link DatasetMIDI} (MidiTok `DatasetMIDI` arguments). */
export interface DatasetMidiOptions {
  maxSeqLen: number;
  bosTokenId?: number;
  eosTokenId?: number;
  /** Tokenize every file (every track for multi-stream tokenizers) up front (default false). */
  preTokenize?: boolean;
  /** Labels of a sample: a class index, a list of ids or an Int32Array. */
  funcToGetLabels?: (score: Score, tokens: TokSequence | TokSequence[], file: string) => number | readonly number[] | Int32Array;
  sampleKeyName?: string;
  labelsKeyName?: string;
  /** Ratio (or range) of track-level attribute controls drawn per track (MidiTok `ac_tracks_random_ratio_range`). */
  acTracksRandomRatioRange?: number | readonly [number, number];
  /** Ratio (or range) of bars per bar-level attribute control (MidiTok `ac_bars_random_ratio_range`). */
  acBarsRandomRatioRange?: number | readonly [number, number];
  /** Seed of the attribute-control sampling (default 0). */
  seed?: number;
}

const CHUNK_MARKER = /^miditok: chunk (\d+)\/(\d+)$/;

/** BOS / EOS flags of a chunk written by `splitFilesForTraining` (marker "miditok: chunk i/N"). */
function chunkFlags(score: Score): { addBos: boolean; addEos: boolean } {
  for (const m of score.markers) {
    const match = CHUNK_MARKER.exec(m.text);
    if (match) return { addBos: match[1] === '0', addEos: match[1] === match[2] };
  }
  return { addBos: true, addEos: true };
}

function toLabels(v: number | readonly number[] | Int32Array): Int32Array | number {
  return typeof v === 'number' ? v : v instanceof Int32Array ? v : Int32Array.from(v);
}

/**
 * MidiTok's `DatasetMIDI` (core `Dataset` contract). Without pre-tokenization each item tokenizes its file on
 * access (first track only for multi-stream tokenizers, as MidiTok); with `preTokenize`, every track of every file
 * is a sample (build it with {@link DatasetMIDI.create}). Unlike MidiTok HEAD, pre-tokenization never loses samples.
 */
export class DatasetMIDI implements Dataset<MidiSample> {
  readonly files: readonly string[];
  readonly tokenizer: MusicTokenizer;
  readonly options: DatasetMidiOptions;
  #samples: MidiSample[] | undefined;
  readonly #rng: Rng;

  private constructor(files: readonly string[], tokenizer: MusicTokenizer, options: DatasetMidiOptions, samples?: MidiSample[]) {
    this.files = files;
    this.tokenizer = tokenizer;
    this.options = options;
    this.#samples = samples;
    this.#rng = createRng(options.seed ?? 0);
  }

  /** Creates the dataset; pre-tokenizes when `options.preTokenize` is set. */
  static async create(files: readonly string[], tokenizer: MusicTokenizer, options: DatasetMidiOptions): Promise<DatasetMIDI> {
    if (!Number.isInteger(options.maxSeqLen) || options.maxSeqLen < 1) {
      throw new DataError('ERR_INVALID_OPTION', `maxSeqLen should be a positive integer, but got ${options.maxSeqLen}`);
    }
    const ds = new DatasetMIDI(files, tokenizer, options);
    if (options.preTokenize) {
      const samples: MidiSample[] = [];
      for (const file of files) samples.push(...(await ds.tokenizeFile(file, true)));
      ds.#samples = samples;
    }
    return ds;
  }

  get length(): number {
    return this.#samples ? this.#samples.length : this.files.length;
  }

  /** Tokenizes one file into its samples (all streams, or the first one). */
  async tokenizeFile(file: string, allStreams: boolean): Promise<MidiSample[]> {
    const key = this.options.sampleKeyName ?? 'input_ids';
    const labelsKey = this.options.labelsKeyName ?? 'labels';
    let score: Score;
    try {
      score = await readMidi(file);
    } catch {
      return [{ [key]: null }];
    }
    const tok = this.tokenizer;
    const o = this.options;
    const useAcs = tok.attributeControls.length > 0 && (o.acTracksRandomRatioRange !== undefined || o.acBarsRandomRatioRange !== undefined);
    const preprocessed = tok.preprocessScore(score);
    const tokens = tok.encode(preprocessed, {
      preprocess: false,
      ...(useAcs ? { attributeControlsIndexes: createRandomAcIndexes(preprocessed, tok.attributeControls, this.#rng, o.acTracksRandomRatioRange, o.acBarsRandomRatioRange) } : {}),
    });
    await tok.encodeTokenIds(tokens);
    const seqs = (Array.isArray(tokens) ? tokens : [tokens]) as TokSequence[];
    const used = allStreams ? seqs : seqs.slice(0, 1);
    const flags = chunkFlags(score);
    return used.map((seq) => {
      const ids = preprocessTokenIds(seq.ids, { maxSeqLen: this.options.maxSeqLen, bosTokenId: this.options.bosTokenId, eosTokenId: this.options.eosTokenId, ...flags });
      const sample: MidiSample = { [key]: Int32Array.from(ids) };
      if (this.options.funcToGetLabels) sample[labelsKey] = toLabels(this.options.funcToGetLabels(score, tokens as TokSequence | TokSequence[], file));
      return sample;
    });
  }

  async get(index: number): Promise<MidiSample> {
    if (!Number.isInteger(index) || index < 0 || index >= this.length) {
      throw new DataError('ERR_INDEX_OUT_OF_RANGE', `Index ${index} is out of range for a dataset of ${this.length} items`);
    }
    if (this.#samples) return this.#samples[index]!;
    return (await this.tokenizeFile(this.files[index]!, false))[0]!;
  }
}

/** Options of {@link DatasetJSON}. */
export interface DatasetJsonOptions {
  maxSeqLen: number;
  bosTokenId?: number;
  eosTokenId?: number;
}

/**
 * MidiTok's `DatasetJSON`: items are the `"ids"` of token JSON files (one-stream), truncated with BOS/EOS like
 * {@link DatasetMIDI}. MidiTok reduces `max_seq_len` twice; this reduces it once (documented difference).
 */
export class DatasetJSON implements Dataset<MidiSample> {
  constructor(
    readonly files: readonly string[],
    readonly options: DatasetJsonOptions,
  ) {}

  get length(): number {
    return this.files.length;
  }

  async get(index: number): Promise<MidiSample> {
    const file = this.files[index];
    if (file === undefined) throw new DataError('ERR_INDEX_OUT_OF_RANGE', `Index ${index} is out of range for a dataset of ${this.length} items`);
    let json: { ids?: unknown };
    try {
      json = JSON.parse(await readFile(file, 'utf8')) as { ids?: unknown };
    } catch (error) {
      throw new DataError('ERR_DATASET_ITEM', `Cannot read token file '${file}': ${(error as Error).message}`, { cause: error });
    }
    const ids = json.ids;
    if (!Array.isArray(ids) || ids.some((v) => typeof v !== 'number')) {
      throw new DataError('ERR_DATASET_ITEM', `Token file '${file}' should hold a flat "ids" list of numbers (one-stream tokens)`);
    }
    return { input_ids: Int32Array.from(preprocessTokenIds(ids as number[], this.options)) };
  }
}
