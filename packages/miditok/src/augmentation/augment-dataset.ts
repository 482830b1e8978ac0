import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { writeFileAtomic } from '@mirkit/core';
import { readMidi } from '../score/parse-midi.js';
import { writeMidi } from '../score/write-midi.js';
import { augmentScoreMultipleOffsets, type AugmentOffsetsOptions } from './augment-score.js';

/** Options of {@link augmentDataset}. */
export interface AugmentDatasetOptions extends AugmentOffsetsOptions {
  /** Output folder (default: the input folder). */
  outPath?: string;
  copyOriginalInNewLocation?: boolean;
  saveDataAugReport?: boolean;
}

/** Report written to `data_augmentation_report.txt` (JSON, as MidiTok). */
export interface AugmentReport {
  pitch_offsets: number[] | null;
  velocity_offsets: number[] | null;
  duration_offsets: number[] | null;
  all_offset_combinations: boolean;
  velocity_range: number[];
  min_duration: number;
  num_tracks_augmented: number;
  num_files_before: number;
  num_files_after: number;
}

async function musicFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await musicFiles(p)));
    else if (['.mid', '.midi', '.MID', '.MIDI'].includes(extname(e.name))) out.push(p);
  }
  return out;
}

/**
 * MidiTok `augment_dataset`: writes `<stem>#p<p>_v<v>_d<d><ext>` (zero offsets omitted, `d` in ticks) for every
 * MIDI file under `dataPath`, copies the originals to `outPath` and saves the report. Returns the report.
 */
export async function augmentDataset(dataPath: string, options: AugmentDatasetOptions = {}): Promise<AugmentReport> {
  const root = resolve(dataPath);
  const out = resolve(options.outPath ?? root);
  await mkdir(out, { recursive: true });
  const files = await musicFiles(root);
  let augmentations = 0;
  let tracks = 0;
  for (const file of files) {
    let score;
    try {
      score = await readMidi(file);
    } catch {
      continue;
    }
    for (const [offsets, aug] of augmentScoreMultipleOffsets(score, options)) {
      if (aug.tracks.length === 0) continue;
      const suffix = `#${['p', 'v', 'd'].flatMap((t, i) => (offsets[i] !== 0 ? [`${t}${offsets[i]}`] : [])).join('_')}`;
      const dir = join(out, dirname(relative(root, file)));
      await mkdir(dir, { recursive: true });
      await writeMidi(join(dir, `${basename(file, extname(file))}${suffix}${extname(file)}`), aug);
      augmentations++;
      tracks += aug.tracks.length;
    }
    if ((options.copyOriginalInNewLocation ?? true) && out !== root) {
      const target = join(out, relative(root, file));
      await mkdir(dirname(target), { recursive: true });
      await copyFile(file, target);
    }
  }
  const report: AugmentReport = {
    pitch_offsets: options.pitchOffsets ? [...options.pitchOffsets] : null,
    velocity_offsets: options.velocityOffsets ? [...options.velocityOffsets] : null,
    duration_offsets: options.durationOffsets ? [...options.durationOffsets] : null,
    all_offset_combinations: options.allOffsetCombinations ?? false,
    velocity_range: [...(options.velocityRange ?? [1, 127])],
    min_duration: options.minDuration ?? 0.03125,
    num_tracks_augmented: tracks,
    num_files_before: files.length,
    num_files_after: files.length + augmentations,
  };
  if (options.saveDataAugReport ?? true) await writeFileAtomic(join(out, 'data_augmentation_report.txt'), JSON.stringify(report));
  return report;
}
