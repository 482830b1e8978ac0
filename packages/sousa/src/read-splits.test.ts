import { isMirError } from '@mirkit/core';
import { requireFixtures } from '@mirkit/core/testing';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { profileIdsForSplit, readSplits } from './read-splits.js';

const dir = requireFixtures('sousa');
const tmp = mkdtempSync(join(tmpdir(), 'mirkit-sousa-splits-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function writeSplits(name: string, text: string): string {
  const root = join(tmp, name);
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'splits.json'), text);
  return root;
}

describe('splits.json', () => {
  it.skipIf(!dir)('reads the fixture splits (4 / 1 / 1 profiles)', async () => {
    const splits = await readSplits(join(dir!, 'dataset'));
    expect(profileIdsForSplit(splits, 'train')).toHaveLength(4);
    expect(profileIdsForSplit(splits, 'validation')).toHaveLength(1);
    expect(profileIdsForSplit(splits, 'test')).toHaveLength(1);
  });

  it('validation falls back to validation_profile_ids; val is an alias', () => {
    const splits = { train_profile_ids: ['a'], validation_profile_ids: ['b'], test_profile_ids: [] };
    expect(profileIdsForSplit(splits, 'validation')).toEqual(['b']);
    expect(profileIdsForSplit(splits, 'val')).toEqual(['b']);
    expect(() => profileIdsForSplit({ train_profile_ids: [], test_profile_ids: [] }, 'val')).toThrow(
      /looked for val_profile_ids \/ validation_profile_ids; available keys: train_profile_ids, test_profile_ids/,
    );
  });

  it('rejects malformed files with ERR_SPLITS_JSON naming the file and key', async () => {
    const notJson = await readSplits(writeSplits('a', '{nope')).catch((e: unknown) => e);
    expect(isMirError(notJson) && notJson.code).toBe('ERR_SPLITS_JSON');
    const badKey = await readSplits(writeSplits('b', '{"train_profile_ids": [1]}')).catch((e: unknown) => e);
    expect(isMirError(badKey) && badKey.message).toMatch(/'train_profile_ids\[0\]' must be a string/);
    const missing = await readSplits(join(tmp, 'none')).catch((e: unknown) => e);
    expect(isMirError(missing) && missing.code).toBe('ERR_MISSING_FILE');
  });
});
