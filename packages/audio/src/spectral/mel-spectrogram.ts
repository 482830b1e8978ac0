import { applyFilterbank } from '../filterbank/sparse.js';
import { melFilterbankSparse, type MelOptions } from '../filterbank/mel.js';
import { spectrogram, type SpectrogramOptions } from './stft.js';

export interface MelSpectrogramOptions extends Omit<SpectrogramOptions, 'nFft'>, Omit<MelOptions, 'nFft'> {
  nFft?: number;
}

/**
 * `librosa.feature.melspectrogram`: `|STFT|^power` (default power 2, n_fft 2048, hop n_fft/4, periodic Hann,
 * centred with zero padding) projected on a mel filterbank. Returns (nMels, frames) row-major float32.
 */
export function melSpectrogram(y: ArrayLike<number>, options: MelSpectrogramOptions): { data: Float32Array; nMels: number; frames: number } {
  const nFft = options.nFft ?? 2048;
  const spec = spectrogram(y, { ...options, nFft, power: options.power ?? 2 });
  const fb = melFilterbankSparse({ ...options, nFft });
  return { data: applyFilterbank(fb, spec.data, spec.frames), nMels: fb.weights.length, frames: spec.frames };
}
