import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { requireFixtures } from '@mirkit/core/testing';
import { parseMidi } from '../score/parse-midi.js';
import type { Score } from '../score/score.js';

/** Test helpers over `../shared/fixtures/miditok` (test-only; not exported from the package). */
export const FIXTURES = requireFixtures('miditok');

export const GROUPS = ['one_track', 'multitrack', 'edge', 'corrupted'] as const;

export interface FixtureFile {
  group: string;
  name: string;
  /** Path relative to `midi/`. */
  rel: string;
  path: string;
}

export function fixtureFiles(): FixtureFile[] {
  if (!FIXTURES) return [];
  const out: FixtureFile[] = [];
  for (const group of GROUPS) {
    for (const name of readdirSync(join(FIXTURES, 'midi', group)).sort()) {
      out.push({ group, name, rel: `${group}/${name}`, path: join(FIXTURES, 'midi', group, name) });
    }
  }
  return out;
}

export function readGzJson<T = unknown>(path: string): T {
  return JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as T;
}

const scoreCache = new Map<string, Score>();

/** Parsed score of a fixture file (cached; callers must not mutate it). */
export function fixtureScore(file: FixtureFile): Score {
  let s = scoreCache.get(file.path);
  if (!s) {
    s = parseMidi(readFileSync(file.path), { file: file.path });
    scoreCache.set(file.path, s);
  }
  return s;
}

/** The fixtures' Score JSON layout. */
export interface ScoreJson {
  tpq: number;
  tempos: [number, number, number][];
  time_signatures: [number, number, number][];
  tracks: {
    name: string;
    program: number;
    is_drum: boolean;
    notes: [number, number, number, number][];
    pedals?: [number, number][];
    pitch_bends?: [number, number][];
    controls?: [number, number, number][];
    lyrics?: [number, string][];
  }[];
}

/** A score in the fixtures' layout (tempos without qpm, optional lists always present). */
export function scoreToJson(s: Score): unknown {
  return {
    tpq: s.tpq,
    tempos: s.tempos.map((t) => [t.time, t.mspq]),
    time_signatures: s.timeSignatures.map((t) => [t.time, t.numerator, t.denominator]),
    tracks: s.tracks.map((t) => ({
      name: t.name,
      program: t.program,
      is_drum: t.isDrum,
      notes: t.notes.map((n) => [n.time, n.duration, n.pitch, n.velocity]),
      pedals: t.pedals.map((p) => [p.time, p.duration]),
      pitch_bends: t.pitchBends.map((p) => [p.time, p.value]),
    })),
  };
}

/** Normalises a fixture Score JSON to {@link scoreToJson}'s layout. */
export function normaliseScoreJson(e: ScoreJson): unknown {
  return {
    tpq: e.tpq,
    tempos: e.tempos.map((t) => [t[0], t[1]]),
    time_signatures: e.time_signatures,
    tracks: e.tracks.map((t) => ({
      name: t.name,
      program: t.program,
      is_drum: t.is_drum,
      notes: t.notes,
      pedals: t.pedals ?? [],
      pitch_bends: t.pitch_bends ?? [],
    })),
  };
}
