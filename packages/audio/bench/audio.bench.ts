/**
 * `pnpm bench` for @mirkit/audio: 60 s of stereo 44.1 kHz audio (synthesised, encoded to 16-bit FLAC with the
 * `flac` CLI), timed against the Python references in /usr/bin/python3 when present (torchaudio, scipy, librosa).
 * Python runs single-threaded (torch.set_num_threads(1), and OMP/OpenBLAS/MKL limited to one thread), like the
 * TypeScript code. `BENCH_REPEATS` sets the best-of count; `BENCH_ROWS=mel,logspect` times only those rows and skips
 * Python (for profiling: `BENCH_ROWS=mel node --cpu-prof --import tsx --conditions=@mirkit/source bench/audio.bench.ts`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng } from '@mirkit/core';
import { decode, downmix, encodeWav, hcqt, logSpect, melSpectrogram, resamplePoly, resampleSincHann } from '../src/index.js';

const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const ONLY = process.env.BENCH_ROWS?.split(',').filter(Boolean);
const here = dirname(fileURLToPath(import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'mirkit-audio-bench-'));

function synth(seconds: number, sr: number): [Float32Array, Float32Array] {
  const n = seconds * sr;
  const rng = createRng(2024);
  const l = new Float32Array(n);
  const r = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const t = i / sr;
    const beat = Math.exp(-((t * 2) % 1) * 30);
    const tone = 0.3 * Math.sin(2 * Math.PI * 220 * 2 ** (Math.floor(t) % 12 / 12) * t) + 0.15 * Math.sin(2 * Math.PI * 3520 * t);
    const noise = 0.1 * (rng.next() * 2 - 1) * beat;
    l[i] = 0.8 * (tone + noise + 0.4 * beat * Math.sin(2 * Math.PI * 60 * t));
    r[i] = 0.8 * (0.7 * tone - noise + 0.3 * beat * Math.sin(2 * Math.PI * 80 * t));
  }
  return [l, r];
}

async function best(fn: () => unknown | Promise<unknown>): Promise<number> {
  let min = Infinity;
  for (let i = 0; i < REPEATS; i++) {
    const t0 = performance.now();
    await fn();
    min = Math.min(min, performance.now() - t0);
  }
  return min / 1000;
}

function hasCommand(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

try {
  const [l, r] = synth(60, 44100);
  const wavPath = join(tmp, 'bench.wav');
  writeFileSync(wavPath, encodeWav([l, r], 44100, { bitDepth: 16 }));
  let flacPath = join(tmp, 'bench.flac');
  if (hasCommand('flac')) {
    execFileSync('flac', ['-s', '-f', '-5', '-o', flacPath, wavPath]);
  } else {
    console.warn('flac CLI not found: timing the WAV path instead of FLAC (apt-get install flac)');
    flacPath = wavPath;
  }
  const flacBytes = readFileSync(flacPath);

  // shared inputs for the feature rows
  const mono44 = downmix((await decode(flacBytes)).channels);
  const mono22 = resamplePoly(mono44, 1, 2);
  const y22Path = join(tmp, 'y22.f32');
  const y44Path = join(tmp, 'y44.f32');
  writeFileSync(y22Path, new Uint8Array(mono22.buffer));
  writeFileSync(y44Path, new Uint8Array(mono44.buffer));

  const ts: Record<string, number> = {};
  const y30 = mono22.subarray(0, 30 * 22050);
  const jobs: Record<string, () => unknown> = {
    flac_resample: async () => resampleSincHann(downmix((await decode(flacBytes)).channels), 44100, 16000),
    resample_poly: () => resamplePoly(mono44, 1, 2),
    mel: () => melSpectrogram(mono22, { sr: 22050, nFft: 2048, hopLength: 512, nMels: 128 }),
    logspect: () => logSpect(mono22),
    hcqt: () => hcqt(y30, { sr: 22050, fmin: 32.7, hopLength: 512, binsPerOctave: 60, nBins: 360 }),
  };
  for (const [key, job] of Object.entries(jobs)) if (ONLY === undefined || ONLY.includes(key)) ts[key] = await best(job);

  let py: Record<string, number | null> = {};
  const python = '/usr/bin/python3';
  if (existsSync(python) && ONLY === undefined) {
    const env = { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
    const res = spawnSync(python, [join(here, 'reference.py'), flacPath, y22Path, y44Path, String(REPEATS)], { encoding: 'utf8', env });
    if (res.status === 0) py = JSON.parse(res.stdout.trim().split('\n').pop()!) as Record<string, number | null>;
    else console.warn(`python reference failed: ${res.stderr.split('\n').slice(-3).join(' ')}`);
  }

  const rows: [string, string, string][] = [
    ['flac_resample', 'FLAC 60 s stereo decode + downmix + resample 44.1k→16k (sinc_hann)', 'torchaudio.load + mean + Resample'],
    ['resample_poly', 'resample_poly 44.1k→22.05k, 60 s mono', 'scipy.signal.resample_poly'],
    ['mel', 'mel spectrogram 60 s @22.05k (n_fft 2048, hop 512, 128 mels)', 'torchaudio MelSpectrogram'],
    ['logspect', 'BeatNet LOG_SPECT (T, 272), 60 s @22.05k', 'numpy/scipy.fftpack port of madmom'],
    ['hcqt', 'HCQT (6, 360, T), 30 s @22.05k', 'librosa.cqt × 6'],
  ];
  const fmt = (s: number | null | undefined) => (s === null || s === undefined ? 'n/a' : `${(s * 1000).toFixed(1)} ms`);
  console.log(`\n@mirkit/audio bench (best of ${REPEATS}; Python single-threaded${py.torch_threads ? `, torch threads ${py.torch_threads}` : ''}; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')})\n`);
  console.log('| row | TypeScript | Python | reference | speed-up (Python / TS) |');
  console.log('|---|---|---|---|---|');
  for (const [key, label, ref] of rows) {
    if (ts[key] === undefined) continue;
    const p = py[key];
    const ratio = p === null || p === undefined ? 'n/a (module missing)' : `${(p / ts[key]!).toFixed(2)}×`;
    console.log(`| ${label} | ${fmt(ts[key])} | ${fmt(p)} | ${ref} | ${ratio} |`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
