export { audio } from './plugin.js';
export { AudioDecodeError } from './errors.js';
export type { DecodedAudio, DecodeOptions } from './decode/types.js';
export { decode, sniffAudioFormat } from './decode/decode.js';
export { decodeWav, isWav } from './decode/wav.js';
export { decodeFlac, isFlac, splitFlacFrames } from './decode/flac.js';
export { decodeMp3, isMp3, checkMp3Frames } from './decode/mp3.js';
export { encodeWav, type EncodeWavOptions } from './encode/wav.js';
export { downmix, peakNormalize, type PeakNormalizeOptions } from './signal/mix.js';
export { resample, type ResampleMethod, type ResampleOptions } from './resample/resample.js';
export { resampleSincHann, sincHannKernel, sincHannOutputLength, type SincHannOptions } from './resample/sinc-hann.js';
export { resamplePoly, firwinKaiser } from './resample/poly.js';
export {
  halve,
  decimate,
  halfbandFilter,
  halfbandPrestage,
  SOXR_HQ_LIKE,
  type HalfbandDesign,
  type HalfbandSpec,
  type KaiserLowpass,
} from './resample/halve.js';
export { RealFft } from './fft/real-fft.js';
export { getWindow, padCenter, type WindowName } from './spectral/window.js';
export {
  stft,
  spectrogram,
  stftFrameCount,
  forEachStftFrame,
  type StftOptions,
  type SpectrogramOptions,
  type ComplexSpectrogram,
  type PadMode,
} from './spectral/stft.js';
export { melSpectrogram, type MelSpectrogramOptions } from './spectral/mel-spectrogram.js';
export { powerToDb, amplitudeToDb, logCompress, log10Compress, type PowerToDbOptions } from './spectral/db.js';
export { frame, patches, framesToTime, type Patch } from './spectral/frames.js';
export { hzToMel, melToHz, melFrequencies, melFilterbank, melFilterbankSparse, type MelOptions } from './filterbank/mel.js';
export {
  logFilterbank,
  logFrequencies,
  fftFrequencies,
  frequenciesToBins,
  type LogFilterbankOptions,
} from './filterbank/log-triangular.js';
export { applyFilterbank, denseFilterbank, sparseFromDense, type SparseFilterbank } from './filterbank/sparse.js';
export { logSpect, logSpectFrameCount, type LogSpect, type LogSpectOptions } from './features/log-spect.js';
export { cqt, hcqt, cqtFrequencies, type CqtOptions, type CqtResult, type HcqtOptions } from './cqt/cqt.js';
export { audioCommand, AUDIO_OPS, type AudioOp } from './cli/commands.js';
