import type { MirError } from '@mirkit/core';
import { catchMirError } from '../test-utils/catch-mir-error.js';
import { requireFixtures } from '@mirkit/core/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { downbeatTimes, parseBeats, readBeatsFile } from './parse-beats.js';

const dir = requireFixtures('beatnet');

function parseError(text: string): MirError {
  return catchMirError(() => parseBeats(text, 'x.beats'));
}

describe('parseBeats', () => {
  it('parses Ballroom (space), beat_this (tab) and times-only lines', () => {
    const ballroom = parseBeats('0.3125000000 3\n0.9375000000 4\n1.5625000000 1\n');
    expect(Array.from(ballroom.times)).toEqual([0.3125, 0.9375, 1.5625]);
    expect(Array.from(ballroom.beatNumbers!)).toEqual([3, 4, 1]);
    expect(Array.from(downbeatTimes(ballroom))).toEqual([1.5625]);
    const tab = parseBeats('0.33\t1\r\n0.73\t2.0\r\n\r\n');
    expect(Array.from(tab.beatNumbers!)).toEqual([1, 2]);
    const times = parseBeats('0.00\n0.50\n');
    expect(times.hasDownbeats).toBe(false);
    expect(times.beatNumbers).toBeNull();
    expect(downbeatTimes(times)).toHaveLength(0);
  });

  it('reads the old Ballroom bar.beat form as the beat part', () => {
    expect(Array.from(parseBeats('0.530\t1.1\n1.020\t1.2\n1.500\t2.1\n').beatNumbers!)).toEqual([1, 2, 1]);
  });

  it('malformed lines → FormatError ERR_BEATS_PARSE naming the file and line', () => {
    const bad = parseError('0.5 1\nabc 2\n');
    expect(bad.code).toBe('ERR_BEATS_PARSE');
    expect(bad.message).toMatch(/^x\.beats:2: time 'abc'/);
    expect(bad.details).toMatchObject({ file: 'x.beats', line: 2 });
    expect(parseError('0.5 1\n\n1.0\n').message).toMatch(/^x\.beats:3: expected 2 columns/);
    expect(parseError('0.5 1 2\n').message).toMatch(/x\.beats:1: .*3 columns/);
    expect(parseError('0.5 0\n').message).toMatch(/x\.beats:1: beat number '0'/);
    expect(parseError('0.5 x\n').message).toMatch(/beat number 'x'/);
    expect(parseError('inf 1\n').message).toMatch(/not a finite number/);
  });

  it('a missing file → DataError ERR_MISSING_FILE', async () => {
    await expect(readBeatsFile('/nonexistent/x.beats')).rejects.toMatchObject({ code: 'ERR_MISSING_FILE' });
  });

  it.skipIf(!dir)('parses the fixture annotations (Ballroom, tab and times-only)', async () => {
    const a = await readBeatsFile(join(dir!, 'annotations', 'synth_a.beats'));
    expect(a.times).toHaveLength(19);
    expect(Array.from(a.beatNumbers!).filter((b) => b === 1)).toHaveLength(5);
    const b = await readBeatsFile(join(dir!, 'annotations', 'synth_b.beats'));
    expect(b.times).toHaveLength(30);
    const kick = await readBeatsFile(join(dir!, 'annotations', '808kick120bpm.beats'));
    expect(kick.hasDownbeats).toBe(false);
    expect(kick.times).toHaveLength(20);
  });

  it.skipIf(!dir)('equals the expected parse of the six real beat_this files', async () => {
    const expected = JSON.parse(readFileSync(join(dir!, 'expected', 'annotations_real_parsed.json'), 'utf8')) as {
      files: Record<string, { times: number[]; beat_numbers: number[] | null; n_lines: number }>;
    };
    expect(Object.keys(expected.files)).toHaveLength(6);
    for (const [name, want] of Object.entries(expected.files)) {
      const got = await readBeatsFile(join(dir!, 'annotations-real', name));
      expect(Array.from(got.times)).toEqual(want.times);
      expect(got.beatNumbers ? Array.from(got.beatNumbers) : null).toEqual(want.beat_numbers);
      expect(got.times).toHaveLength(want.n_lines);
    }
  });
});
