import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { readNpy, Registry, type CommandContext } from '@mirkit/core';
import { requireFixtures } from '@mirkit/core/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { decode } from '../decode/decode.js';
import { encodeWav } from '../encode/wav.js';
import { audio } from '../plugin.js';
import { resampleSincHann } from '../resample/sinc-hann.js';
import { downmix, peakNormalize } from '../signal/mix.js';
import { spectrogram } from '../spectral/stft.js';
import { maxAbsDiff, relFrobenius, testSignal } from '../test-utils/signals.js';

const sousa = requireFixtures('sousa');
const beatnet = requireFixtures('beatnet');
const tutorial = requireFixtures('mir-tutorial');

const tmp = mkdtempSync(join(tmpdir(), 'mirkit-audio-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const registry = new Registry().use(audio());

/** Runs `mirkit audio <op> ...argv` the way the bin does; returns stdout. */
async function run(op: string, argv: string[], json = false): Promise<string> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on('data', (c: Buffer) => chunks.push(c));
  const context: CommandContext = { argv, registry, cwd: tmp, stdout, stderr, verbose: false, json, signal: new AbortController().signal };
  const command = registry.get('command', `audio/${op}` as 'audio/decode')();
  const code = await command.run(context);
  expect(code).toBe(0);
  return Buffer.concat(chunks).toString('utf8');
}

describe('registered commands', () => {
  it('registers the seven audio commands with usage text', () => {
    const names = registry.names('command');
    expect(names).toEqual(expect.arrayContaining(['audio/decode', 'audio/resample', 'audio/stft', 'audio/mel', 'audio/cqt', 'audio/hcqt', 'audio/logfilt']));
    const cmd = registry.get('command', 'audio/mel')();
    expect(cmd.usage).toMatch(/mirkit audio mel <input audio> --out <file.npy>/);
    expect(cmd.usage).toMatch(/n_mels \(128\)/);
  });
});

describe('audio decode / stft / errors on a synthetic WAV', () => {
  const y = testSignal(22050);
  const wav = join(tmp, 'tone.wav');
  writeFileSync(wav, encodeWav([y, y], 22050, { float: true, bitDepth: 32 }));

  it('decode writes (channels, samples) float32', async () => {
    const out = await run('decode', ['tone.wav', '--out', 'dec.npy', '--params', '{"offset": 0.5}'], true);
    expect(JSON.parse(out)).toMatchObject({ op: 'decode', shape: [2, 11025], dtype: 'float32' });
    const arr = await readNpy(join(tmp, 'dec.npy'));
    expect(arr.shape).toEqual([2, 11025]);
    expect((arr.data as Float32Array).subarray(0, 11025)).toEqual(y.subarray(11025));
  });

  it('stft writes (1 + n_fft/2, frames) equal to the library', async () => {
    await run('stft', [wav, '--out', join(tmp, 'stft.npy'), '--params', '{"n_fft": 1411, "hop_length": 441, "power": 2}']);
    const arr = await readNpy(join(tmp, 'stft.npy'));
    const lib = spectrogram(y, { nFft: 1411, hopLength: 441, power: 2 });
    expect(arr.shape).toEqual([706, lib.frames]);
    expect(arr.data).toEqual(lib.data);
  });

  it('mel in dB has n_mels rows and respects top_db', async () => {
    await run('mel', [wav, '--out', join(tmp, 'mel.npy'), '--params', '{"n_mels": 40, "scale": "db", "top_db": 60}']);
    const arr = await readNpy(join(tmp, 'mel.npy'));
    expect(arr.shape).toEqual([40, 1 + Math.floor(22050 / 512)]);
    const d = arr.data as Float32Array;
    expect(Math.max(...d) - Math.min(...d)).toBeLessThanOrEqual(60.0001);
  });

  it('reports usage errors and corrupt input as MirErrors', async () => {
    await expect(run('decode', ['tone.wav'])).rejects.toMatchObject({ code: 'ERR_INVALID_OPTION', message: expect.stringMatching(/--out/) });
    await expect(run('decode', ['--out', 'x.npy'])).rejects.toThrow(/exactly one input/);
    await expect(run('mel', ['tone.wav', '--out', 'x.npy', '--params', '{"n_mel": 3}'])).rejects.toThrow(/unknown params n_mel/);
    await expect(run('mel', ['tone.wav', '--out', 'x.npy', '--params', '[1]'])).rejects.toThrow(/JSON object/);
    await expect(run('mel', ['tone.wav', '--out', 'x.npy', '--params', '{"n_fft": "big"}'])).rejects.toThrow(/params.n_fft should be a number/);
    const bytes = encodeWav([y], 22050, { bitDepth: 16 });
    writeFileSync(join(tmp, 'cut.wav'), bytes.subarray(0, 1000));
    await expect(run('decode', ['cut.wav', '--out', 'x.npy'])).rejects.toMatchObject({
      code: 'ERR_AUDIO_DECODE',
      message: expect.stringMatching(/cut\.wav: WAV is truncated/),
    });
  });
});

describe.skipIf(!sousa)('audio resample on a SOUSA clip', () => {
  it('matches the torchaudio loader waveform (config_d item 0, atol 1e-5 after peak normalisation)', async () => {
    const { readFileSync } = await import('node:fs');
    const dir = join(sousa!, 'expected/config_d');
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { items: { audio_path: string; waveform_file: string }[] };
    const item = manifest.items[0]!;
    const input = join(sousa!, 'dataset', item.audio_path);
    await run('resample', [input, '--out', join(tmp, 'rs.npy'), '--params', '{"sr": 22050, "mono": true, "res_type": "sinc_hann"}']);
    const arr = await readNpy(join(tmp, 'rs.npy'));
    const y = arr.data as Float32Array;
    const lib = resampleSincHann(downmix((await decode(input)).channels), 44100, 22050);
    expect(arr.shape).toEqual([1, lib.length]);
    expect(y).toEqual(lib);
    const ref = (await readNpy(join(dir, item.waveform_file))).data as Float32Array;
    expect(maxAbsDiff(peakNormalize(y).subarray(0, ref.length), ref)).toBeLessThanOrEqual(1e-5);
  });
});

describe.skipIf(!beatnet)('audio logfilt', () => {
  it('loads 44.1 kHz stereo FLAC like librosa.load (auto → soxr_hq) and matches the FLAC-row features', async () => {
    await run('logfilt', [join(beatnet!, 'audio/synth_c_44k_stereo.flac'), '--out', join(tmp, 'lf-flac.npy')]);
    const arr = await readNpy(join(tmp, 'lf-flac.npy'));
    const ref = await readNpy(join(beatnet!, 'expected/features_synth_c_flac.npy'));
    expect(arr.shape).toEqual(ref.shape);
    expect(maxAbsDiff(arr.data as Float32Array, ref.data as Float32Array)).toBeLessThanOrEqual(5e-6);
  });

  it('writes BeatNet features (T, 272) within 5e-6 of madmom', async () => {
    await run('logfilt', [join(beatnet!, 'audio/synth_b.wav'), '--out', join(tmp, 'lf.npy')]);
    const arr = await readNpy(join(tmp, 'lf.npy'));
    const ref = await readNpy(join(beatnet!, 'expected/features_synth_b.npy'));
    expect(arr.shape).toEqual(ref.shape);
    expect(maxAbsDiff(arr.data as Float32Array, ref.data as Float32Array)).toBeLessThanOrEqual(5e-6);
  });
});

describe.skipIf(!tutorial)('audio mel / cqt / hcqt on a tutorial clip', () => {
  const dir = tutorial ? join(tutorial, 'expected/features/c00_scale_a4') : '';
  const wav = join(tmp, 'c00.wav');

  it('mel with the tutorial parameters and ln(1 + 10000·x) gives the LMS', async () => {
    const y = (await readNpy(join(dir, 'waveform_value.npy'))).data as Float32Array;
    writeFileSync(wav, encodeWav([y], 22050, { float: true, bitDepth: 32 }));
    await run('mel', [wav, '--out', join(tmp, 'lms.npy'), '--params', '{"n_fft": 2048, "win_length": 2048, "hop_length": 1024, "n_mels": 128, "scale": "log1p"}']);
    const arr = await readNpy(join(tmp, 'lms.npy'));
    const ref = await readNpy(join(dir, 'lms_value.npy'));
    expect([1, ...arr.shape]).toEqual(ref.shape);
    expect(maxAbsDiff(arr.data as Float32Array, ref.data as Float32Array)).toBeLessThanOrEqual(1e-4);
  });

  it('hcqt with its defaults gives the tutorial MPE HCQT; cqt gives the chord CQT', async () => {
    await run('hcqt', [wav, '--out', join(tmp, 'hcqt.npy')]);
    const arr = await readNpy(join(tmp, 'hcqt.npy'));
    const ref = await readNpy(join(dir, 'hcqt_value.npy'));
    expect(arr.shape).toEqual(ref.shape);
    expect(relFrobenius(arr.data as Float32Array, ref.data as Float32Array)).toBeLessThanOrEqual(1e-5);
    await run('cqt', [wav, '--out', join(tmp, 'cqt.npy'), '--params', '{"fmin": 32.7, "n_bins": 72, "bins_per_octave": 12}']);
    const c = await readNpy(join(tmp, 'cqt.npy'));
    const cref = await readNpy(join(dir, 'hcqt_chord_value.npy'));
    expect([1, ...c.shape]).toEqual(cref.shape);
    expect(relFrobenius(c.data as Float32Array, cref.data as Float32Array)).toBeLessThanOrEqual(1e-5);
  });
});
