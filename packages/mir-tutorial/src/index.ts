import type { TagLabelDataset, TagLabelDatasetOptions } from './datasets/tag-label-dataset.js';

export { mirTutorial } from './plugin.js';
export type { PyjamaAtom, PyjamaConstraint, PyjamaContent, PyjamaDefinition, PyjamaEntry, PyjamaExtent, PyjamaFile, PyjamaValue } from './pyjama/types.js';
export { validatePyjama, jsonPath } from './pyjama/validate.js';
export { parsePyjama, readPyjama } from './pyjama/read-pyjama.js';
export { labelNameDict, compareCodePoints, type Label } from './labels/label-dictionary.js';
export { groundtruthItem, type GroundtruthOptions, type Problem } from './labels/groundtruth.js';
export {
  f0ToMidi,
  mapAnnotFrameBased,
  mapAnnotSegmentBased,
  midiToF0,
  nearestIndex,
  sparsePitchTarget,
  type FrameBasedOptions,
  type PitchTarget,
} from './labels/multipitch-targets.js';
export { trainValidSplit, type TrainValidSplit } from './split.js';
export { getPatches, type Patch } from './patches.js';

export { openAudioContainer, type AudioContainer } from './hdf5/audio-container.js';
export { TagLabelDataset, loadTagLabels, type TagFeatureGrid, type TagLabelDatasetOptions, type TagLabelItem } from './datasets/tag-label-dataset.js';

declare module '@mirkit/core' {
  interface LoaderRegistry {
    /** Patch list + targets of the tutorial's TagDataset (no features yet). */
    'mir-tutorial/tag-labels': (options: TagLabelDatasetOptions) => Promise<TagLabelDataset>;
  }
  interface MirErrorCodes {
    ERR_HDF5_INVALID: true;
    ERR_HDF5_KEY: true;
    ERR_PYJAMA_INVALID: true;
    ERR_LABEL_DICTIONARY: true;
  }
}
