import { Registry } from '@mirkit/core';
import { checkDatasetConformance, requireFixtures } from '@mirkit/core/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mirTutorial } from '../plugin.js';
import { loadTagLabels, type TagFeatureGrid, type TagLabelDatasetOptions } from './tag-label-dataset.js';
import type { Problem } from '../labels/groundtruth.js';

const dir = requireFixtures('mir-tutorial');

interface TagJson {
  config: {
    dataset: { problem: Problem; annot_key: string; n_out: number };
    feature: { type: 'lms' | 'hcqt' | 'waveform'; STEP_n?: number; hop_length?: number; patch_L_frame: number; patch_STEP_frame: number };
  };
  train: Split;
  valid: Split;
}
interface Split {
  len: number;
  labelname_dict: (string | number)[];
  patches: [string, number, number][];
  first_items: { i: number; audiofile: string; start_frame: number; end_frame: number; y: number | number[] }[];
}

const CONFIGS = ['D1-I1_genre_lms', 'D1-I2_genre_waveform', 'D2-I1_tag_lms', 'D3-I3_chord_hcqt', 'D3-I3_chord_hcqt_patch64'];

function optionsOf(json: TagJson, split: 'train' | 'valid'): TagLabelDatasetOptions {
  const f = json.config.feature;
  const feature: TagFeatureGrid = f.type === 'waveform' ? { type: 'waveform' } : { type: f.type, hopLength: (f.STEP_n ?? f.hop_length)! };
  return {
    pyjama: join(dir!, 'dataset', 'annotations.pyjama'),
    audio: join(dir!, 'dataset', 'audio.hdf5'),
    annotKey: json.config.dataset.annot_key,
    problem: json.config.dataset.problem,
    split,
    feature,
    patchLength: f.patch_L_frame,
    patchStep: f.patch_STEP_frame,
  };
}

describe.skipIf(!dir)('mir-tutorial/tag-labels equals the notebook TagDataset (patch lists and targets)', () => {
  for (const name of CONFIGS) {
    it(name, async () => {
      const json = JSON.parse(readFileSync(join(dir!, 'expected', 'tagdataset', `${name}.json`), 'utf8')) as TagJson;
      for (const split of ['train', 'valid'] as const) {
        const want = json[split];
        const ds = await new Registry().use(mirTutorial()).create('loader', 'mir-tutorial/tag-labels', optionsOf(json, split));
        expect(ds.length).toBe(want.len);
        expect(ds.labels).toEqual(want.labelname_dict);
        expect(ds.labels).toHaveLength(json.config.dataset.n_out);
        const patches = Array.from({ length: ds.length }, (_, i) => ds.get(i)).map((it) => [it.audiofile, it.startFrame, it.endFrame]);
        expect(patches).toEqual(want.patches);
        for (const item of want.first_items) {
          const got = ds.get(item.i);
          expect([got.audiofile, got.startFrame, got.endFrame]).toEqual([item.audiofile, item.start_frame, item.end_frame]);
          expect(typeof got.y === 'number' ? got.y : Array.from(got.y)).toEqual(item.y);
        }
      }
    });
  }

  it('rejects bad options and indices', async () => {
    const json = JSON.parse(readFileSync(join(dir!, 'expected', 'tagdataset', 'D2-I1_tag_lms.json'), 'utf8')) as TagJson;
    await expect(loadTagLabels({ ...optionsOf(json, 'train'), split: 'test' as 'train' })).rejects.toMatchObject({ code: 'ERR_INVALID_OPTION' });
    await expect(loadTagLabels({ ...optionsOf(json, 'train'), patchStep: 0 })).rejects.toThrow(/hopSize/);
    const { audio: _audio, ...withoutAudio } = optionsOf(json, 'valid');
    const ds = await loadTagLabels({ ...withoutAudio, audioInfo: {} }).catch((e: unknown) => e);
    expect(String(ds)).toMatch(/No audio for 'classical\+\+\+c00_scale_a4\.wav'/);
    const ok = await loadTagLabels(optionsOf(json, 'valid'));
    expect(() => ok.get(ok.length)).toThrow(/out of range/);
  });

  it('passes the core dataset conformance suite (multilabel, multiclass and segment targets)', async () => {
    for (const name of ['D2-I1_tag_lms', 'D1-I1_genre_lms', 'D3-I3_chord_hcqt_patch64']) {
      const json = JSON.parse(readFileSync(join(dir!, 'expected', 'tagdataset', `${name}.json`), 'utf8')) as TagJson;
      const report = await checkDatasetConformance(() => loadTagLabels(optionsOf(json, 'train')), { name });
      expect(report.length).toBe(json.train.len);
    }
  });
});
