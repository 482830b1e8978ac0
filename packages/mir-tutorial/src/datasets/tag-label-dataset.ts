import { ConfigError, DataError, checkIndex, type Dataset } from '@mirkit/core';
import { openAudioContainer } from '../hdf5/audio-container.js';
import { groundtruthItem, type Problem } from '../labels/groundtruth.js';
import { labelNameDict, type Label } from '../labels/label-dictionary.js';
import { getPatches } from '../patches.js';
import { readPyjama } from '../pyjama/read-pyjama.js';
import type { PyjamaFile } from '../pyjama/types.js';
import { trainValidSplit } from '../split.js';

/** Feature grid of the patches: the frame hop in samples (`waveform` = one frame per sample). */
export type TagFeatureGrid = { type: 'lms'; hopLength?: number } | { type: 'hcqt'; hopLength?: number } | { type: 'waveform' };

/** Options of the `mir-tutorial/tag-labels` loader. */
export interface TagLabelDatasetOptions {
  /** Path of the `.pyjama` file, or the parsed file. */
  pyjama: string | PyjamaFile;
  /** Path of `{base}_audio.hdf5` (only the dataset lengths and `sr_hz` are read) … */
  audio?: string;
  /** … or the sample count and rate of every audio key. */
  audioInfo?: Record<string, { numSamples: number; sampleRate: number }>;
  /** Description to learn, e.g. `'tag'`, `'genre'`, `'chord'`. */
  annotKey: string;
  problem: Problem;
  split: 'train' | 'valid';
  /** Feature grid: LMS (hop 1024), HCQT (hop 512) or waveform samples. */
  feature: TagFeatureGrid;
  /** Patch length and hop in frames (samples for waveform), e.g. 64 / 32. */
  patchLength: number;
  patchStep: number;
  /** `segment` only: label of uncovered frames (default: index 0, as upstream). */
  uncoveredLabel?: Label;
}

/** One patch of the tutorial's `TagDataset` without the feature `X`. */
export interface TagLabelItem {
  index: number;
  /** hdf5 key of the audio. */
  audiofile: string;
  startFrame: number;
  endFrame: number;
  /** multiclass: class index; multilabel: multi-hot; segment: the patch's frame labels. */
  y: number | Float32Array | Int32Array;
}

const DEFAULT_HOP = { lms: 1024, hcqt: 512 } as const;

/**
 * The patch list and targets of the tutorial's `TagDataset` (`TUTO_task_Auto_Tagging.ipynb#c21`) for one split:
 * label dictionary over all entries, `i % 5` split, per file `getPatches(T, L, S)` on the feature grid
 * (`T = 1 + N // hop` for LMS/HCQT, `N` for waveform), `y` the file's label (or the patch's frame labels for
 * `segment`, on times `n·hop/sr`). Features (`X`) are not computed here. Create it with {@link loadTagLabels}.
 */
export class TagLabelDataset implements Dataset<TagLabelItem> {
  readonly labels: readonly Label[];
  readonly #items: readonly Omit<TagLabelItem, 'index'>[];

  private constructor(labels: readonly Label[], items: readonly Omit<TagLabelItem, 'index'>[]) {
    this.labels = labels;
    this.#items = items;
  }

  /** @internal Use {@link loadTagLabels}. */
  static async load(options: TagLabelDatasetOptions): Promise<TagLabelDataset> {
    if (!(options.split === 'train' || options.split === 'valid')) {
      throw new ConfigError('ERR_INVALID_OPTION', `split should be 'train' or 'valid', but got ${JSON.stringify(options.split)}`);
    }
    const grid = options.feature;
    if (!grid || !['lms', 'hcqt', 'waveform'].includes(grid.type)) {
      throw new ConfigError('ERR_INVALID_OPTION', `feature.type should be 'lms', 'hcqt' or 'waveform', but got ${JSON.stringify(grid?.type)}`);
    }
    const hop = grid.type === 'waveform' ? 1 : (grid.hopLength ?? DEFAULT_HOP[grid.type]);
    if (!Number.isInteger(hop) || hop < 1) throw new ConfigError('ERR_INVALID_OPTION', `feature.hopLength should be a positive integer, but got ${hop}`);
    getPatches(0, options.patchLength, options.patchStep); // validates L and S
    const pyjama = typeof options.pyjama === 'string' ? await readPyjama(options.pyjama) : options.pyjama;
    const labels = labelNameDict(pyjama, options.annotKey);
    const info = options.audioInfo ?? (await readAudioInfo(options.audio));
    const entries = trainValidSplit(pyjama.collection.entry)[options.split];
    const items: Omit<TagLabelItem, 'index'>[] = [];
    for (const entry of entries) {
      const filepath = entry.filepath?.[0]?.value;
      if (typeof filepath !== 'string') throw new DataError('ERR_LABEL_DICTIONARY', "An entry has no 'filepath' text value", { details: {} });
      const key = filepath.replaceAll('/', '+++');
      const audio = info[key];
      if (!audio) throw new DataError('ERR_HDF5_KEY', `No audio for '${key}' (from the pyjama filepath '${filepath}')`, { details: { key } });
      const frames = grid.type === 'waveform' ? audio.numSamples : 1 + Math.floor(audio.numSamples / hop);
      let y: number | Float32Array | Int32Array;
      if (options.problem === 'segment') {
        const timeSec = Array.from({ length: frames }, (_, n) => (n * hop) / audio.sampleRate);
        y = groundtruthItem(entry, options.annotKey, labels, 'segment', options.uncoveredLabel === undefined ? { timeSec } : { timeSec, uncoveredLabel: options.uncoveredLabel });
      } else {
        y = groundtruthItem(entry, options.annotKey, labels, options.problem);
      }
      for (const { startFrame, endFrame } of getPatches(frames, options.patchLength, options.patchStep)) {
        items.push({ audiofile: key, startFrame, endFrame, y: y instanceof Int32Array ? y.slice(startFrame, endFrame) : y });
      }
    }
    return new TagLabelDataset(labels, items);
  }

  get length(): number {
    return this.#items.length;
  }

  get(index: number): TagLabelItem {
    checkIndex(index, this.#items.length, 'mir-tutorial/tag-labels dataset');
    const item = this.#items[index]!;
    const y = typeof item.y === 'number' ? item.y : item.y.slice();
    return { index, audiofile: item.audiofile, startFrame: item.startFrame, endFrame: item.endFrame, y };
  }
}

async function readAudioInfo(path: string | undefined): Promise<Record<string, { numSamples: number; sampleRate: number }>> {
  if (typeof path !== 'string') throw new ConfigError('ERR_INVALID_OPTION', "mir-tutorial/tag-labels needs 'audio' (the hdf5 path) or 'audioInfo'");
  const container = await openAudioContainer(path);
  try {
    return Object.fromEntries(container.keys().map((key) => [key, { numSamples: container.numSamples(key), sampleRate: container.sampleRate(key) }]));
  } finally {
    container.close();
  }
}

/** Builds the `mir-tutorial/tag-labels` dataset. */
export async function loadTagLabels(options: TagLabelDatasetOptions): Promise<TagLabelDataset> {
  return TagLabelDataset.load(options);
}
