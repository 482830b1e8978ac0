import { Registry, type NameOf } from '@mirkit/core';
import { requireFixtures } from '@mirkit/core/testing';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { beatnet, parseBeats } from './index.js';

const dir = requireFixtures('beatnet');

function capture(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

describe('beatnet()', () => {
  it('registers under its package name and is idempotent', () => {
    const registry = new Registry().use(beatnet()).use(beatnet());
    expect(registry.plugins().map((p) => p.name)).toEqual(['beatnet']);
    for (const entry of registry.entries()) expect(entry.name.startsWith('beatnet/')).toBe(true);
    expect(registry.names('target')).toEqual(['beatnet/beat-targets']);
    expect(registry.names('command')).toEqual(['beatnet/evaluate']);
    expectTypeOf<'beatnet/beat-targets'>().toExtend<NameOf<'target'>>();
  });

  it('creates the beat-target builder through the registry', async () => {
    const builder = await new Registry().use(beatnet()).create('target', 'beatnet/beat-targets', { fps: 50 });
    const { targets } = builder.build(parseBeats('0.02 1\n0.04 2\n'), 3);
    expect(Array.from(targets.data)).toEqual([0, 0, 1, 1, 1, 0]);
  });

  it.skipIf(!dir)('the evaluate command prints the mir_eval scores (JSON)', async () => {
    const command = new Registry().use(beatnet()).get('command', 'beatnet/evaluate')();
    const out = capture();
    const err = capture();
    const run = (argv: string[]) =>
      command.run({ argv, registry: new Registry(), cwd: dir!, stdout: out.stream, stderr: err.stream, verbose: false, json: true, signal: new AbortController().signal });
    await run(['annotations/synth_c.beats', 'annotations/synth_c.beats']);
    const scores = JSON.parse(out.text()) as Record<string, number>;
    expect(scores['F-measure']).toBe(1);
    expect(Object.keys(scores)).toHaveLength(10);
    await expect(run(['annotations/synth_c.beats'])).rejects.toMatchObject({ code: 'ERR_INVALID_OPTION' });
    await expect(run(['annotations/synth_c.beats', 'annotations/808kick120bpm.beats', '--downbeats'])).rejects.toThrow(/times only/);
    await expect(run(['annotations/synth_c.beats', join('annotations', 'nope.beats')])).rejects.toMatchObject({ code: 'ERR_MISSING_FILE' });
  });
});
