import { melFilterbankSparse, type MelOptions } from '../filterbank/mel.js';
import { forEachStftFrame, type SpectrogramOptions } from './stft.js';

export interface MelSpectrogramOptions extends Omit<SpectrogramOptions, 'nFft'>, Omit<MelOptions, 'nFft'> {
  nFft?: number;
}

/**
 * `librosa.feature.melspectrogram`: `|STFT|^power` (default power 2, n_fft 2048, hop n_fft/4, periodic Hann,
 * centred with zero padding) projected on a mel filterbank. Returns (nMels, frames) row-major float32. The
 * projection is applied frame by frame with the sparse filterbank (no (bins, frames) intermediate).
 */
export function melSpectrogram(y: ArrayLike<number>, options: MelSpectrogramOptions): { data: Float32Array; nMels: number; frames: number } {
  const nFft = options.nFft ?? 2048;
  const power = options.power ?? 2;
  const fb = melFilterbankSparse({ ...options, nFft });
  const nMels = fb.weights.length;
  const bins = (nFft >> 1) + 1;
  const spec = new Float64Array(bins);
  let data = new Float32Array(0);
  let frameCount = 0;
  const { starts, weights } = fb;
  forEachStftFrame(y, { ...options, nFft }, (t, re, im, frames) => {
    if (t === 0) {
      data = new Float32Array(nMels * frames);
      frameCount = frames;
    }
    for (let k = 0; k < bins; k++) {
      const p = re[k]! * re[k]! + im[k]! * im[k]!;
      spec[k] = power === 2 ? p : power === 1 ? Math.sqrt(p) : p ** (power / 2);
    }
    for (let b = 0; b < nMels; b++) {
      const w = weights[b]!;
      const s0 = starts[b]!;
      let acc = 0;
      for (let j = 0; j < w.length; j++) acc += w[j]! * spec[s0 + j]!;
      data[b * frameCount + t] = acc;
    }
  });
  return { data, nMels, frames: frameCount };
}
