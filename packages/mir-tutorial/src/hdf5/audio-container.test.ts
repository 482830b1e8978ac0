import { isMirError, readNpy } from '@mirkit/core';
import { requireFixtures } from '@mirkit/core/testing';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openAudioContainer } from './audio-container.js';

const dir = requireFixtures('mir-tutorial');
const tmp = mkdtempSync(join(tmpdir(), 'mirkit-h5-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('audio.hdf5 container (h5wasm)', () => {
  it.skipIf(!dir)('lists the 12 keys, reads sr_hz as a number and the waveforms exactly', async () => {
    const audio = await openAudioContainer(join(dir!, 'dataset', 'audio.hdf5'));
    try {
      const index = JSON.parse(readFileSync(join(dir!, 'expected', 'features', 'index.json'), 'utf8')) as {
        entries: { filepath: string; n_samples: number; sr_hz: number; waveform?: { value: string; shape: number[] } }[];
      };
      expect(audio.keys().sort()).toEqual(index.entries.map((e) => e.filepath).sort());
      for (const e of index.entries) {
        expect(audio.sampleRate(e.filepath)).toBe(22050);
        expect(audio.numSamples(e.filepath)).toBe(e.n_samples);
        if (!e.waveform) continue;
        // f_get_waveform's data is the stored samples reshaped to (1, N): bit-identical float32.
        const want = await readNpy(join(dir!, 'expected', e.waveform.value));
        const got = audio.read(e.filepath);
        expect(want.shape).toEqual([1, got.length]);
        expect(Buffer.from(got.buffer, got.byteOffset, got.byteLength).equals(Buffer.from(want.data.buffer))).toBe(true);
      }
      expect(() => audio.read('missing.wav')).toThrow(/has no dataset 'missing\.wav'/);
    } finally {
      audio.close();
    }
  });

  it('a non-HDF5 or missing file is rejected before h5wasm sees it', async () => {
    const fake = join(tmp, 'fake.hdf5');
    writeFileSync(fake, 'not hdf5 at all, just text that is long enough');
    const error = await openAudioContainer(fake).catch((e: unknown) => e);
    expect(isMirError(error) && error.code).toBe('ERR_HDF5_INVALID');
    expect(String((error as Error).message)).toContain(fake);
    await expect(openAudioContainer(join(tmp, 'none.hdf5'))).rejects.toMatchObject({ code: 'ERR_MISSING_FILE' });
  });
});
