import { melFilterbankSparse, type MelOptions } from '../filterbank/mel.js';
import { filterbankFrames, type FlatFilterbank } from '../fft/power-frames.js';
import { forEachPowerFrame, stftSource, type SpectrogramOptions } from './stft.js';

export interface MelSpectrogramOptions extends Omit<SpectrogramOptions, 'nFft'>, Omit<MelOptions, 'nFft'> {
  nFft?: number;
}

const fbCache = new Map<string, FlatFilterbank>();

/** The sparse mel filterbank as one flat array, cached per options (building it costs more than a short clip). */
function flatMelFilterbank(options: MelOptions): FlatFilterbank {
  const { sr, nFft, nMels = 128, fmin = 0, fmax = sr / 2, htk = false, norm = 'slaney', flavor = 'librosa' } = options;
  const key = `${sr}|${nFft}|${nMels}|${fmin}|${fmax}|${htk}|${norm}|${flavor}`;
  let flat = fbCache.get(key);
  if (flat === undefined) {
    const fb = melFilterbankSparse(options);
    const bands = fb.weights.length;
    const lengths = Int32Array.from(fb.weights, (w) => w.length);
    const weights = new Float64Array(lengths.reduce((a, b) => a + b, 0));
    let at = 0;
    for (const w of fb.weights) {
      weights.set(w, at);
      at += w.length;
    }
    flat = { bands, starts: fb.starts, lengths, weights };
    if (fbCache.size >= 16) fbCache.delete(fbCache.keys().next().value!);
    fbCache.set(key, flat);
  }
  return flat;
}

/**
 * `librosa.feature.melspectrogram`: `|STFT|^power` (default power 2, n_fft 2048, hop n_fft/4, periodic Hann,
 * centred with zero padding) projected on a mel filterbank. Returns (nMels, frames) row-major float32. The
 * projection is applied frame by frame with the sparse filterbank (no (bins, frames) intermediate), into a
 * frame-major buffer that is transposed at the end (writing (mel, time) directly strides through memory).
 */
export function melSpectrogram(y: ArrayLike<number>, options: MelSpectrogramOptions): { data: Float32Array; nMels: number; frames: number } {
  const nFft = options.nFft ?? 2048;
  const power = options.power ?? 2;
  const fb = flatMelFilterbank({ ...options, nFft });
  const { bands: nMels, starts, lengths, weights } = fb;
  if (power === 2 || power === 1) {
    // all per-frame work in the WebAssembly kernel where available
    const src = stftSource(y, { ...options, nFft });
    const data = filterbankFrames(src.read, src.frames, src.hop, src.nFft, src.window, fb, power === 1);
    if (data !== undefined) return { data, nMels, frames: src.frames };
  }
  let byFrame = new Float32Array(0);
  let frameCount = 0;
  forEachPowerFrame(y, { ...options, nFft }, (t, spec, frames) => {
    if (t === 0) {
      byFrame = new Float32Array(nMels * frames);
      frameCount = frames;
    }
    if (power !== 2) {
      const e = power / 2;
      for (let k = 0; k < spec.length; k++) spec[k] = e === 0.5 ? Math.sqrt(spec[k]!) : spec[k]! ** e;
    }
    const row = t * nMels;
    for (let b = 0, w = 0; b < nMels; b++) {
      const s0 = starts[b]!;
      const end = w + lengths[b]!;
      let acc = 0;
      for (let k = s0; w < end; w++, k++) acc += weights[w]! * spec[k]!;
      byFrame[row + b] = acc;
    }
  });
  const data = new Float32Array(nMels * frameCount);
  // blocked transpose (frames, mels) → (mels, frames)
  const block = 64;
  for (let t0 = 0; t0 < frameCount; t0 += block) {
    const t1 = Math.min(frameCount, t0 + block);
    for (let b = 0; b < nMels; b++) {
      const dst = b * frameCount;
      for (let t = t0; t < t1; t++) data[dst + t] = byFrame[t * nMels + b]!;
    }
  }
  return { data, nMels, frames: frameCount };
}
