import { parseArgs } from 'node:util';
import { isAbsolute, resolve } from 'node:path';
import { ConfigError, ndarray, writeNpy, type Command, type CommandContext } from '@mirkit/core';
import { cqt, hcqt } from '../cqt/cqt.js';
import { decode } from '../decode/decode.js';
import { logSpect } from '../features/log-spect.js';
import { resample, type ResampleMethod } from '../resample/resample.js';
import { downmix } from '../signal/mix.js';
import { logCompress, powerToDb } from '../spectral/db.js';
import { melSpectrogram } from '../spectral/mel-spectrogram.js';
import { spectrogram, type PadMode } from '../spectral/stft.js';
import type { WindowName } from '../spectral/window.js';
import { Params } from './params.js';

export type AudioOp = 'decode' | 'resample' | 'stft' | 'mel' | 'cqt' | 'hcqt' | 'logfilt';

const RES_TYPES: readonly (ResampleMethod | 'auto')[] = ['auto', 'sinc_hann', 'poly', 'soxr_hq'];

/** 'auto': librosa's soxr_hq where we reproduce it (power-of-two down-sampling), torchaudio's sinc otherwise. */
function pickMethod(resType: ResampleMethod | 'auto', from: number, to: number): ResampleMethod {
  if (resType !== 'auto') return resType;
  const ratio = from / to;
  return Number.isInteger(ratio) && ratio >= 2 && (ratio & (ratio - 1)) === 0 ? 'soxr_hq' : 'sinc_hann';
}

interface OpSpec {
  summary: string;
  params: string;
  run(input: string, p: Params, signal: AbortSignal): Promise<{ data: Float32Array; shape: number[] }>;
}

/** Decodes, downmixes when `mono`, and resamples to `sr` (null/absent in decode: native rate). */
async function load(input: string, p: Params, defaultSr: number | null, defaultMono: boolean): Promise<{ channels: Float32Array[]; sr: number }> {
  const offset = p.number('offset');
  const duration = p.number('duration');
  const mono = p.boolean('mono', defaultMono);
  const sr = p.number('sr', defaultSr ?? undefined);
  const resType = p.choice('res_type', RES_TYPES, 'auto');
  const audio = await decode(input, { ...(offset === undefined ? {} : { offset }), ...(duration === undefined ? {} : { duration }) });
  let channels = mono ? [downmix(audio.channels)] : audio.channels;
  let rate = audio.sampleRate;
  if (sr !== undefined && sr !== rate) {
    if (!Number.isInteger(sr) || sr <= 0) throw new ConfigError('ERR_INVALID_OPTION', `params.sr should be a positive integer, but got ${sr}`);
    const method = pickMethod(resType, rate, sr);
    channels = channels.map((c) => resample(c, rate, sr, { method }));
    rate = sr;
  }
  return { channels, sr: rate };
}

function stack(channels: Float32Array[]): { data: Float32Array; shape: number[] } {
  const n = channels[0]?.length ?? 0;
  const data = new Float32Array(channels.length * n);
  channels.forEach((c, i) => data.set(c, i * n));
  return { data, shape: [channels.length, n] };
}

const STFT_COMMON = 'n_fft (2048), hop_length (win_length // 4), win_length (n_fft), window (hann|hamming|ones), center (true), pad_mode (constant|reflect|edge)';
const LOAD_COMMON =
  'sr (22050; resampled with res_type auto|sinc_hann|poly|soxr_hq, auto = soxr_hq for power-of-two down-sampling, else sinc_hann), offset, duration (seconds); audio is downmixed to mono';

function stftOptions(p: Params) {
  const nFft = p.number('n_fft', 2048);
  const winLength = p.number('win_length', nFft);
  return {
    nFft,
    winLength,
    hopLength: p.number('hop_length', Math.floor(winLength / 4)),
    window: p.choice<WindowName>('window', ['hann', 'hamming', 'ones'], 'hann'),
    center: p.boolean('center', true),
    padMode: p.choice<PadMode>('pad_mode', ['constant', 'reflect', 'edge'], 'constant'),
  };
}

const OPS: Record<AudioOp, OpSpec> = {
  decode: {
    summary: 'Decode WAV/FLAC/MP3 to a (channels, samples) float32 .npy',
    params: 'offset, duration (seconds), mono (false), sr (native), res_type',
    async run(input, p) {
      return stack((await load(input, p, null, false)).channels);
    },
  },
  resample: {
    summary: 'Resample audio (torchaudio sinc_hann, scipy resample_poly or soxr_hq-like) to (channels, samples)',
    params: 'sr (22050), res_type (auto: soxr_hq for power-of-two down-sampling, else sinc_hann), mono (false), offset, duration',
    async run(input, p) {
      return stack((await load(input, p, 22050, false)).channels);
    },
  },
  stft: {
    summary: 'STFT magnitude (power 1) or power (power 2), shape (1 + n_fft/2, frames)',
    params: `${LOAD_COMMON}; ${STFT_COMMON}; power (1)`,
    async run(input, p) {
      const { channels } = await load(input, p, 22050, true);
      const s = spectrogram(channels[0]!, { ...stftOptions(p), power: p.number('power', 1) });
      return { data: s.data, shape: [s.bins, s.frames] };
    },
  },
  mel: {
    summary: 'Mel spectrogram (librosa.feature.melspectrogram), shape (n_mels, frames); optional dB or ln(1 + C·x)',
    params: `${LOAD_COMMON}; ${STFT_COMMON}; power (2), n_mels (128), fmin (0), fmax (sr/2), htk (false), norm (slaney|null), scale (power|db|log1p), top_db (80), log_c (10000)`,
    async run(input, p) {
      const { channels, sr } = await load(input, p, 22050, true);
      const normValue = p.choice('norm', ['slaney'] as const, 'slaney');
      const m = melSpectrogram(channels[0]!, {
        ...stftOptions(p),
        sr,
        power: p.number('power', 2),
        nMels: p.number('n_mels', 128),
        fmin: p.number('fmin', 0),
        fmax: p.number('fmax', sr / 2),
        htk: p.boolean('htk', false),
        norm: normValue,
      });
      const scale = p.choice('scale', ['power', 'db', 'log1p'] as const, 'power');
      const topDb = p.number('top_db', 80);
      const c = p.number('log_c', 10000);
      const data = scale === 'db' ? powerToDb(m.data, { topDb }) : scale === 'log1p' ? logCompress(m.data, c) : m.data;
      return { data, shape: [m.nMels, m.frames] };
    },
  },
  cqt: {
    summary: 'Constant-Q magnitude (librosa.cqt), shape (n_bins, frames)',
    params: `${LOAD_COMMON}; hop_length (512), fmin (32.70319566257483), n_bins (84), bins_per_octave (12), tuning (0), filter_scale (1), sparsity (0.01), scale (true)`,
    async run(input, p) {
      const { channels, sr } = await load(input, p, 22050, true);
      const r = cqt(channels[0]!, {
        sr,
        hopLength: p.number('hop_length', 512),
        fmin: p.number('fmin', 32.70319566257483),
        nBins: p.number('n_bins', 84),
        binsPerOctave: p.number('bins_per_octave', 12),
        tuning: p.number('tuning', 0),
        filterScale: p.number('filter_scale', 1),
        sparsity: p.number('sparsity', 0.01),
        scale: p.boolean('scale', true),
      });
      return { data: r.data, shape: [r.nBins, r.frames] };
    },
  },
  hcqt: {
    summary: 'Harmonic CQT of the DL101 tutorial, shape (harmonics, n_bins, frames)',
    params: `${LOAD_COMMON}; harmonics ([0.5,1,2,3,4,5]), fmin (32.7), bins_per_octave (60), n_bins (360), hop_length (512), tuning, filter_scale, sparsity, scale`,
    async run(input, p) {
      const { channels, sr } = await load(input, p, 22050, true);
      const r = hcqt(channels[0]!, {
        sr,
        harmonics: p.numbers('harmonics', [0.5, 1, 2, 3, 4, 5]),
        fmin: p.number('fmin', 32.7),
        binsPerOctave: p.number('bins_per_octave', 60),
        nBins: p.number('n_bins', 360),
        hopLength: p.number('hop_length', 512),
        tuning: p.number('tuning', 0),
        filterScale: p.number('filter_scale', 1),
        sparsity: p.number('sparsity', 0.01),
        scale: p.boolean('scale', true),
      });
      return { data: r.data, shape: [r.harmonics, r.nBins, r.frames] };
    },
  },
  logfilt: {
    summary: "BeatNet's 272-d log-filtered spectrogram + positive difference, shape (frames, 272)",
    params: `${LOAD_COMMON}; frame_size (1411), hop_size (441), bands_per_octave (24), fmin (30), fmax (17000)`,
    async run(input, p) {
      const { channels, sr } = await load(input, p, 22050, true);
      const r = logSpect(channels[0]!, {
        sr,
        frameSize: p.number('frame_size', Math.trunc(64 * 0.001 * sr)),
        hopSize: p.number('hop_size', Math.trunc(20 * 0.001 * sr)),
        bandsPerOctave: p.number('bands_per_octave', 24),
        fmin: p.number('fmin', 30),
        fmax: p.number('fmax', 17000),
      });
      return { data: r.data, shape: [r.frames, r.dims] };
    },
  },
};

/** The `mirkit audio <op>` command: `<input audio> --out <file.npy> [--params <json>]`. */
export function audioCommand(op: AudioOp): Command {
  const spec = OPS[op];
  return {
    summary: spec.summary,
    usage: `mirkit audio ${op} <input audio> --out <file.npy> [--params <json>]\n\n${spec.summary}.\nparams (librosa names, defaults in parentheses): ${spec.params}.`,
    async run(context: CommandContext) {
      const { values, positionals } = parseArgs({
        args: [...context.argv],
        options: { out: { type: 'string', short: 'o' }, params: { type: 'string', short: 'p' } },
        allowPositionals: true,
        strict: true,
      });
      if (positionals.length !== 1) {
        throw new ConfigError('ERR_INVALID_OPTION', `audio ${op}: expected exactly one input audio file, but got ${positionals.length}\nusage: mirkit audio ${op} <input audio> --out <file.npy> [--params <json>]`);
      }
      if (values.out === undefined) throw new ConfigError('ERR_INVALID_OPTION', `audio ${op}: --out <file.npy> is required`);
      const abs = (f: string) => (isAbsolute(f) ? f : resolve(context.cwd, f));
      const p = new Params(op, values.params);
      const input = abs(positionals[0]!);
      const result = await spec.run(input, p, context.signal);
      p.assertAllUsed();
      if (context.signal.aborted) throw new ConfigError('ERR_ABORTED', `audio ${op}: aborted`);
      const out = abs(values.out);
      await writeNpy(out, ndarray(result.data, result.shape));
      const line = context.json
        ? JSON.stringify({ op, input, out, shape: result.shape, dtype: 'float32' })
        : `wrote ${out} (${result.shape.join(' × ')} float32)`;
      context.stdout.write(`${line}\n`);
      return 0;
    },
  };
}

export const AUDIO_OPS: readonly AudioOp[] = ['decode', 'resample', 'stft', 'mel', 'cqt', 'hcqt', 'logfilt'];
