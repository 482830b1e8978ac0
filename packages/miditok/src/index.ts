export { miditok, type TokenizerFactoryOptions, type DatasetMidiLoaderOptions, type DatasetJsonLoaderOptions } from './plugin.js';
export { MidiParseError } from './errors.js';
export {
  createScore,
  createTrack,
  cloneScore,
  cloneTrack,
  scoreEnd,
  trackEnd,
  noteCount,
  isTrackEmpty,
  sortNotes,
  tempoQpm,
  type Score,
  type Track,
  type Note,
  type Tempo,
  type TimeSignature,
  type KeySignature,
  type Pedal,
  type PitchBend,
  type ControlChange,
  type TextEvent,
} from './score/score.js';
export { parseMidi, readMidi, type ParseMidiOptions } from './score/parse-midi.js';
export { serializeMidi, writeMidi } from './score/write-midi.js';
export { resampleScore } from './score/resample.js';
export { clipScore } from './score/clip.js';
export { shiftScoreTime } from './score/shift.js';
export {
  TokenizerConfig,
  CHORD_MAPS,
  parseMiditokConfigJson,
  timeSignatureKeyOrder,
  type TokenizerConfigOptions,
  type BeatRes,
} from './config/tokenizer-config.js';
export { pyJsonDumps } from './config/py-json.js';
export { pythonSetOrder } from './numeric/python-set-order.js';
export {
  MusicTokenizer,
  MIDITOK_VERSION,
  timeTupleString,
  timeTupleTicks,
  scorePrograms,
  type EncodeOutput,
  type TimeTuple,
} from './tokenizers/music-tokenizer.js';
export type { TokSequence } from './tokenizers/tok-sequence.js';
export type { Event } from './tokenizers/event.js';
export { RemiTokenizer } from './tokenizers/remi.js';
export { TsdTokenizer } from './tokenizers/tsd.js';
export { MidiLikeTokenizer } from './tokenizers/midi-like.js';
export { StructuredTokenizer } from './tokenizers/structured.js';
export { CpWordTokenizer } from './tokenizers/cp-word.js';
export { OctupleTokenizer } from './tokenizers/octuple.js';
export { MumidiTokenizer } from './tokenizers/mumidi.js';
export { MmmTokenizer } from './tokenizers/mmm.js';
export { PerTokTokenizer } from './tokenizers/pertok.js';
export { TOKENIZER_CLASSES, createTokenizer, tokenizerFromParams, loadTokenizer } from './tokenizers/create-tokenizer.js';
export { getBarsTicks, getBeatsTicks } from './tokenizers/time-utils.js';
export { MIDI_INSTRUMENT_NAMES, MIDI_INSTRUMENT_PITCH_RANGES } from './tokenizers/instruments.js';
export { TrainedModel, CHR_ID_START } from './train/trained-model.js';
export { DatasetMIDI, DatasetJSON, type DatasetMidiOptions, type DatasetJsonOptions, type MidiSample } from './data/dataset-midi.js';
export { DataCollator, type DataCollatorOptions, type TokenBatch, type TokenSample } from './data/data-collator.js';
export { preprocessTokenIds, type PreprocessTokenIdsOptions } from './data/preprocess-token-ids.js';
export { splitFilesForTraining, getAverageNumTokensPerNote, type SplitFilesOptions } from './split/split-files-for-training.js';
export { splitScorePerNoteDensity, splitScorePerTracks, getNumNotesPerBar, type DensitySplit } from './split/split-score.js';
export { augmentScore, augmentScoreMultipleOffsets, type AugmentScoreOptions, type AugmentOffsetsOptions } from './augmentation/augment-score.js';
export { augmentDataset, type AugmentDatasetOptions, type AugmentReport } from './augmentation/augment-dataset.js';
export { tokenizeFilesDataset, tokenizeFileToJson, tokensJson, type TokenizeFilesOptions, type TokenizedFile } from './cli/tokenize-files-dataset.js';
export { tokenizeCommand, decodeCommand, splitCommand, trainCommand } from './cli/commands.js';
export { trainBpe, type BpeTrainerOptions, type BpeModel, type TrainerOptions } from './train/bpe-trainer.js';
export { trainTokenizer, bpeModelJson, type TrainTokenizerOptions } from './train/train-tokenizer.js';
export { type TrainModelName } from './train/train-tokenizer.js';
export { trainUnigram, type UnigramTrainerOptions, type UnigramModel } from './train/unigram-trainer.js';
export { trainWordPiece, type WordPieceTrainerOptions, type WordPieceModel } from './train/wordpiece-trainer.js';
export { unigramModelJson, wordPieceModelJson, type WordPieceJsonOptions } from './train/hf-model-json.js';
export {
  createRandomAcIndexes,
  trackOnsetPolyphony,
  trackNoteDuration,
  trackNoteDensity,
  trackRepetition,
  barOnsetPolyphony,
  barPitchClass,
  barNoteDensity,
  barNoteDuration,
  type AttributeControl,
  type AttributeControlsIndexes,
} from './attribute-controls/attribute-controls.js';
