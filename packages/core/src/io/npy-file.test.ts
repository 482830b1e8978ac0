import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isMirError } from '../errors.js';
import { ndarray } from '../array/nd-array.js';
import { requireFixtures } from '../testing/fixtures.js';
import { readNpy, writeNpy } from './npy-file.js';
import { serializeNpy } from './npy.js';
import { writeFileAtomic } from './write-file-atomic.js';

const beatnet = requireFixtures('beatnet');
const tutorial = requireFixtures('mir-tutorial');

/** sha256 of a fixture file as listed in its MANIFEST.json (list form or path-keyed form). */
async function manifestSha(root: string, path: string): Promise<string | undefined> {
  const manifest = JSON.parse(await readFile(join(root, 'MANIFEST.json'), 'utf8')) as {
    files: { path: string; sha256: string }[] | Record<string, { sha256: string }>;
  };
  return Array.isArray(manifest.files) ? manifest.files.find((f) => f.path === path)?.sha256 : manifest.files[path]?.sha256;
}

async function fileSha(path: string): Promise<string> {
  return createHash('sha256').update(await readFile(path)).digest('hex');
}

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('readNpy / writeNpy / writeFileAtomic', () => {
  it('round-trips through a file atomically, leaving no temporary files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mirkit-npy-'));
    dirs.push(dir);
    const path = join(dir, 'sub', 'x.npy');
    await writeNpy(path, ndarray(new Int32Array([1, 2, 3, 4]), [2, 2]));
    await writeNpy(path, ndarray(new Float32Array([0.5, 1.5]), [1, 2])); // overwrite
    const back = await readNpy(path);
    expect(back).toEqual({ data: new Float32Array([0.5, 1.5]), shape: [1, 2], dtype: 'float32' });
    expect(await readdir(join(dir, 'sub'))).toEqual(['x.npy']);
    await writeFileAtomic(join(dir, 'a.txt'), 'hello');
    expect(await readFile(join(dir, 'a.txt'), 'utf8')).toBe('hello');
  });

  it('reports a missing file as DataError ERR_MISSING_FILE naming it', async () => {
    const missing = join(tmpdir(), 'mirkit-definitely-missing.npy');
    const error = await readNpy(missing).catch((e: unknown) => e);
    expect(isMirError(error) && error.code).toBe('ERR_MISSING_FILE');
    expect((error as Error).message).toBe(`Cannot read .npy file ${missing}: ENOENT`);
  });
});

describe.skipIf(!beatnet)('reading numpy-written fixtures (beatnet)', () => {
  const root = beatnet!;

  it('reads <f4 golden_softmax.npy: shape, values from the README, rows summing to 1, sha256', async () => {
    const rel = 'expected/golden_softmax.npy';
    expect(await fileSha(join(root, rel))).toBe(await manifestSha(root, rel));
    const a = await readNpy(join(root, rel));
    expect(a.dtype).toBe('float32');
    expect(a.shape).toEqual([6, 3]);
    const d = a.data as Float32Array;
    expect(d[0]).toBeCloseTo(0.46563628, 7);
    expect(d[1]).toBeCloseTo(0.4455288, 7);
    expect(d[2]).toBeCloseTo(0.08883491, 7);
    for (let r = 0; r < 6; r++) expect(d[3 * r]! + d[3 * r + 1]! + d[3 * r + 2]!).toBeCloseTo(1, 6);
    // our writer reproduces numpy's bytes exactly
    expect(serializeNpy(a)).toEqual(new Uint8Array(await readFile(join(root, rel))));
  });

  it('reads <i8 collate_lengths.npy exactly', async () => {
    const rel = 'expected/collate_lengths.npy';
    expect(await fileSha(join(root, rel))).toBe(await manifestSha(root, rel));
    const a = await readNpy(join(root, rel));
    expect(a).toEqual({ data: new BigInt64Array([600n, 576n, 650n, 650n, 500n]), shape: [5], dtype: 'int64' });
    expect(serializeNpy(a)).toEqual(new Uint8Array(await readFile(join(root, rel))));
  });

  it('reads a 1.4 MB <f4 STFT magnitude: shape, finite and non-negative', async () => {
    const rel = 'expected/intermediate_808kick120bpm_stft_magnitude.npy';
    expect(await fileSha(join(root, rel))).toBe(await manifestSha(root, rel));
    const a = await readNpy(join(root, rel));
    expect(a.dtype).toBe('float32');
    expect(a.shape).toEqual([500, 705]);
    let sum = 0;
    let bad = 0;
    for (const v of a.data as Float32Array) {
      if (!Number.isFinite(v) || v < 0) bad++;
      sum += v;
    }
    expect(bad).toBe(0);
    expect(sum).toBeCloseTo(155095.44, 0); // float64 sum computed independently with numpy
  });
});

describe.skipIf(!tutorial)('reading numpy-written fixtures (mir-tutorial)', () => {
  it('reads an empty <i4 (0, 2) array', async () => {
    const rel = 'expected/labels/pitch_segment_sparse/c02_drums_120.npy';
    expect(await fileSha(join(tutorial!, rel))).toBe(await manifestSha(tutorial!, rel));
    const a = await readNpy(join(tutorial!, rel));
    expect(a).toEqual({ data: new Int32Array(0), shape: [0, 2], dtype: 'int32' });
  });
});
