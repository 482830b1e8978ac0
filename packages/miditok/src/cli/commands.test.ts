import { mkdtempSync, readFileSync, writeFileSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Registry, type CommandContext } from '@mirkit/core';
import { describe, expect, it } from 'vitest';
import { miditok } from '../plugin.js';
import { parseMidi } from '../score/parse-midi.js';
import { FIXTURES, readGzJson } from '../test-utils/fixture-data.js';
import { tokenizerFromParams } from '../tokenizers/create-tokenizer.js';

function context(argv: string[], cwd: string): { ctx: CommandContext; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let o = '';
  let e = '';
  stdout.on('data', (d: Buffer) => (o += d.toString()));
  stderr.on('data', (d: Buffer) => (e += d.toString()));
  const registry = new Registry().use(miditok());
  const ctx: CommandContext = { argv, registry, cwd, stdout, stderr, verbose: false, json: false, signal: new AbortController().signal };
  return { ctx, out: () => o, err: () => e };
}

/** A temp folder with the sample MIDI files and a broken one under `in/`. */
function sampleInput(): string {
  const work = mkdtempSync(join(tmpdir(), 'miditok-cli-'));
  const inDir = join(work, 'in');
  mkdirSync(inDir);
  for (const rel of SAMPLE) copyFileSync(join(FIXTURES!, 'midi', rel), join(inDir, rel.split('/')[1]!));
  writeFileSync(join(inDir, 'broken.mid'), 'MThd nope');
  return work;
}

const SAMPLE = ['edge/chords_programs_no_meta_tpq480.mid', 'edge/ts_tempo_changes_tpq480.mid', 'one_track/POP909_022.mid', 'multitrack/Les Yeux Revolvers.mid'];

describe.skipIf(!FIXTURES)('mirkit miditok tokenize / decode', () => {
  for (const config of ['remi_default', 'remi_plus', 'cpword_default', 'mumidi_default']) {
    it(`tokenize writes ${config}'s ids and tokens per file and reports bad files without stopping`, async () => {
      const work = sampleInput();
      const registry = new Registry().use(miditok());
      const cmd = await registry.create('command', 'miditok/tokenize', undefined as never);
      const params = join(FIXTURES!, 'expected', config, 'tokenizer.json');
      const { ctx, out, err } = context(['--params', params, '--out', 'tok', 'in'], work);
      const code = await cmd.run(ctx);
      type Exp = { ids?: number[]; tokens?: string[]; streams?: { ids: number[]; tokens: string[] }[]; error?: { stage: string }; decoded?: { tracks: { notes: unknown[] }[] }; decoded_same_as?: string };
      const expOf = (rel: string): Exp => readGzJson<Exp>(join(FIXTURES!, 'expected', config, `${rel}.json.gz`));
      const failing = SAMPLE.filter((rel) => expOf(rel).error?.stage === 'encode');
      expect(code).toBe(1);
      expect(err()).toMatch(/broken\.mid: Cannot parse MIDI/);
      expect(out()).toContain(`Tokenized ${SAMPLE.length - failing.length} file(s)`);
      expect(out()).toContain(`${failing.length + 1} failed`);
      const ok = SAMPLE.filter((rel) => !failing.includes(rel));
      for (const rel of ok) {
        const name = rel.split('/')[1]!.replace(/\.mid$/, '');
        const got = JSON.parse(readFileSync(join(work, 'tok', `${name}.json`), 'utf8')) as { ids: unknown; tokens: unknown };
        const exp = expOf(rel);
        expect(got.ids).toEqual(exp.streams ? exp.streams.map((s) => s.ids) : exp.ids);
        expect(got.tokens).toEqual(exp.streams ? exp.streams.map((s) => s.tokens) : exp.tokens);
      }

      const dec = await registry.create('command', 'miditok/decode', undefined as never);
      const d = context(['--params', params, '--out', 'mid', 'tok'], work);
      expect(await dec.run(d.ctx)).toBe(0);
      for (const rel of ok) {
        const name = rel.split('/')[1]!.replace(/\.mid$/, '');
        const back = parseMidi(readFileSync(join(work, 'mid', `${name}.mid`)));
        const exp = expOf(rel);
        const decoded = exp.decoded ?? readGzJson<{ decoded: { tracks: { notes: unknown[] }[] } }>(join(FIXTURES!, 'expected', exp.decoded_same_as!, `${rel}.json.gz`)).decoded;
        expect(back.tracks.reduce((n, t) => n + t.notes.length, 0)).toBe(decoded.tracks.reduce((n, t) => n + t.notes.length, 0));
      }
    });
  }

  it('tokenize --jobs 2 (core DataLoader worker threads) writes the same files as one job', async () => {
    const work = sampleInput();
    const registry = new Registry().use(miditok());
    const params = join(FIXTURES!, 'expected', 'remi_plus', 'tokenizer.json');
    const one = context(['--params', params, '--out', 'a', 'in'], work);
    const two = context(['--params', params, '--out', 'b', '--jobs', '2', 'in'], work);
    expect(await (await registry.create('command', 'miditok/tokenize', undefined as never)).run(one.ctx)).toBe(1);
    expect(await (await registry.create('command', 'miditok/tokenize', undefined as never)).run(two.ctx)).toBe(1);
    expect(two.err()).toMatch(/broken\.mid: Cannot parse MIDI/);
    for (const rel of SAMPLE) {
      const name = `${rel.split('/')[1]!.replace(/\.mid$/, '')}.json`;
      expect(readFileSync(join(work, 'b', name), 'utf8')).toBe(readFileSync(join(work, 'a', name), 'utf8'));
    }
  }, 60_000);

  it('split writes bar-aligned chunks with chunk markers', async () => {
    const work = mkdtempSync(join(tmpdir(), 'miditok-split-cli-'));
    const cmd = await new Registry().use(miditok()).create('command', 'miditok/split', undefined as never);
    const file = join(FIXTURES!, 'midi', 'one_track', 'POP909_022.mid');
    const params = join(FIXTURES!, 'expected', 'remi_default', 'tokenizer.json');
    const { ctx, out } = context(['--params', params, '--out', 'chunks', '--max-seq-len', '256', file], work);
    expect(await cmd.run(ctx)).toBe(0);
    const m = /into (\d+) chunk/.exec(out());
    expect(Number(m?.[1])).toBeGreaterThan(5);
    const first = parseMidi(readFileSync(join(work, 'chunks', 'POP909_022_0.mid')));
    expect(first.markers.at(-1)?.text).toMatch(/^miditok: chunk 0\/\d+$/);
  });

  it('train learns BPE / Unigram / WordPiece on the sample and saves params that load', async () => {
    const work = mkdtempSync(join(tmpdir(), 'miditok-train-cli-'));
    const cmd = await new Registry().use(miditok()).create('command', 'miditok/train', undefined as never);
    const params = join(FIXTURES!, 'expected', 'remi_default', 'tokenizer.json');
    const files = SAMPLE.map((r) => join(FIXTURES!, 'midi', r));
    const { ctx, out } = context(['--params', params, '--model', 'bpe', '--vocab-size', '400', '--out', 'trained', ...files], work);
    expect(await cmd.run(ctx)).toBe(0);
    expect(out()).toMatch(/Trained BPE \(400 tokens\)/);
    const tok = tokenizerFromParams(readFileSync(join(work, 'trained', 'tokenizer.json'), 'utf8'));
    expect(tok.model?.size).toBe(400);
    for (const [flag, type] of [['unigram', 'Unigram'], ['WordPiece', 'WordPiece']] as const) {
      const run = context(['--params', params, '--model', flag, '--vocab-size', '400', '--out', `trained-${flag}.json`, ...files], work);
      expect(await cmd.run(run.ctx)).toBe(0);
      expect(run.out()).toMatch(new RegExp(`Trained ${type} \\(\\d+ tokens\\)`));
      const trained = tokenizerFromParams(readFileSync(join(work, `trained-${flag}.json`), 'utf8'));
      expect(trained.model?.type).toBe(type);
      expect(trained.model!.size).toBeLessThanOrEqual(400);
    }
    const bad = context(['--params', params, '--model', 'wordlevel', '--vocab-size', '400', '--out', 'x', ...files], work);
    await expect(async () => cmd.run(bad.ctx)).rejects.toThrow(/--model should be bpe, unigram or wordpiece/);
  });

  it('rejects missing options with a usage error', async () => {
    const cmd = await new Registry().use(miditok()).create('command', 'miditok/tokenize', undefined as never);
    const { ctx } = context(['x.mid'], tmpdir());
    await expect(async () => cmd.run(ctx)).rejects.toThrow(/--params/);
  });
});
