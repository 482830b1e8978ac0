import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { readNpy } from '@mirkit/core';
import { requireFixtures } from '@mirkit/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Plugin commands through the BUILT binary, compared with the upstream Python outputs in ../shared/fixtures.
const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const beatnet = requireFixtures('beatnet');
const miditok = requireFixtures('miditok');

let dir: string;
beforeAll(async () => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: build first (pnpm test at the root builds it)`);
  dir = await mkdtemp(join(tmpdir(), 'mirkit-plugin-cmd-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function mirkit(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!beatnet)('mirkit audio (built binary)', () => {
  it('logfilt writes BeatNet’s (T, 272) features equal to the fixture', async () => {
    const out = join(dir, 'synth_a_logfilt.npy');
    const r = mirkit('audio', 'logfilt', join(beatnet!, 'audio', 'synth_a.wav'), '--out', out);
    expect(r.stderr).not.toMatch(/mirkit: /);
    expect(r.status).toBe(0);
    const got = await readNpy(out);
    const want = await readNpy(join(beatnet!, 'expected', 'features_synth_a.npy'));
    expect(got.shape).toEqual(want.shape);
    expect(got.shape[1]).toBe(272);
    let maxDiff = 0;
    for (let i = 0; i < want.data.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(Number(got.data[i]) - Number(want.data[i])));
    }
    expect(maxDiff).toBeLessThan(5e-6); // tolerance of fixtures/beatnet/README.md for LOG_SPECT features
  });

  it('decode writes (channels, samples) float32 and reports a corrupt file on one line', async () => {
    const out = join(dir, 'decoded.npy');
    const r = mirkit('audio', 'decode', join(beatnet!, 'audio', 'synth_c_44k_stereo.flac'), '--out', out);
    expect(r.status).toBe(0);
    const got = await readNpy(out);
    expect(got.dtype).toBe('float32');
    expect(got.shape[0]).toBe(2);
    expect(got.shape[1]).toBeGreaterThan(44_100);

    const bad = mirkit('audio', 'decode', join(beatnet!, 'README.md'), '--out', join(dir, 'bad.npy'));
    expect(bad.status).not.toBe(0);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/README\.md/);
  });
});

describe.skipIf(!miditok)('mirkit miditok (built binary)', () => {
  it('tokenize writes the ids and tokens MidiTok produces', async () => {
    const out = join(dir, 'tokens');
    const params = join(miditok!, 'expected', 'remi_default', 'tokenizer.json');
    const files = ['Maestro_1.mid', 'Maestro_2.mid'].map((f) => join(miditok!, 'midi', 'one_track', f));
    const r = mirkit('miditok', 'tokenize', '--params', params, '--out', out, ...files);
    expect(r.status).toBe(0);
    for (const f of ['Maestro_1', 'Maestro_2']) {
      const got = JSON.parse(await readFile(join(out, `${f}.json`), 'utf8')) as { ids: unknown; tokens: unknown };
      const want = JSON.parse(
        gunzipSync(await readFile(join(miditok!, 'expected', 'remi_default', 'one_track', `${f}.mid.json.gz`))).toString('utf8'),
      ) as { streams: { ids: number[]; tokens?: string[] }[] };
      const ids = Array.isArray((got.ids as unknown[])[0]) ? (got.ids as number[][])[0] : (got.ids as number[]);
      expect(ids).toEqual(want.streams[0]!.ids);
      if (want.streams[0]!.tokens) {
        const tokens = Array.isArray((got.tokens as unknown[])[0]) ? (got.tokens as string[][])[0] : got.tokens;
        expect(tokens).toEqual(want.streams[0]!.tokens);
      }
    }
  });
});
