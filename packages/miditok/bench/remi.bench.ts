/**
 * REMI tokenization speed on the fixture MIDI files, beside MidiTok + symusic's recorded figures
 * (fixtures/miditok/perf/miditok_remi_speed.json: single thread, medians of 5 runs after a warm-up).
 * MIDI load: medians of 5 runs per file after a warm-up over all files (steady state), plus the first parse of
 * each file in a fresh process (cold JIT) and the midi-file 1.2.4 event layer (`parseMidiReference`) for reference.
 * Run: pnpm --filter @mirkit/miditok bench
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findFixtures } from '@mirkit/core/testing';
import { parseMidi } from '../src/score/parse-midi.js';
import { parseMidiReference } from '../src/score/parse-midi-reference.js';
import type { Score } from '../src/score/score.js';
import { RemiTokenizer } from '../src/tokenizers/remi.js';
import type { TokSequence } from '../src/tokenizers/tok-sequence.js';

interface PerfFile {
  file: string;
  tokens: number;
  symusic_load_ms: number;
  remi_encode_ms: number;
  remi_plus_encode_ms: number;
}
interface Perf {
  machine: Record<string, unknown>;
  totals: { files: number; tokens: number; remi_encode_ms_sum_of_medians: number; tokens_per_second: number; symusic_load_ms_sum_of_medians: number; remi_plus_encode_ms_sum_of_medians: number };
  files: PerfFile[];
}

const dir = findFixtures('miditok');
if (!dir) {
  console.log('fixtures/miditok not found: nothing to benchmark');
  process.exit(0);
}
const perf = JSON.parse(readFileSync(join(dir, 'perf', 'miditok_remi_speed.json'), 'utf8')) as Perf;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time<T>(fn: () => T, runs = 5): { ms: number; value: T } {
  let value = fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    value = fn();
    samples.push(performance.now() - t0);
  }
  return { ms: median(samples), value };
}

const remi = new RemiTokenizer();
const remiPlus = new RemiTokenizer({ usePrograms: true, oneTokenStreamForPrograms: true, useTimeSignatures: true, useTempos: true, useChords: true, useRests: true, useSustainPedals: true, usePitchBends: true, numVelocities: 16 });
// Warm the MIDI readers up on every file first (a pipeline parses many files; without this the first files'
// timings are dominated by V8's interpreter / baseline tiers: the cold figure is printed too).
let loadCold = 0;
const allBytes = perf.files.map((f) => readFileSync(join(dir, 'midi', f.file)));
for (const bytes of allBytes) {
  const t0 = performance.now();
  parseMidi(bytes);
  loadCold += performance.now() - t0;
}
for (let r = 0; r < 3; r++) {
  for (const bytes of allBytes) {
    parseMidi(bytes);
    parseMidiReference(bytes);
  }
}
let load = 0;
let loadRef = 0;
let enc = 0;
let encPlus = 0;
let tokens = 0;
const rows: string[] = [];
for (const f of perf.files) {
  const bytes = readFileSync(join(dir, 'midi', f.file));
  const l = time(() => parseMidi(bytes));
  const score: Score = l.value;
  loadRef += time(() => parseMidiReference(bytes)).ms;
  const e = time(() => remi.encode(score));
  const p = time(() => remiPlus.encode(score));
  const n = (e.value as TokSequence[]).reduce((a, s) => a + s.ids.length, 0);
  load += l.ms;
  enc += e.ms;
  encPlus += p.ms;
  tokens += n;
  rows.push(`${f.file.padEnd(48)} ${String(n).padStart(7)} ${e.ms.toFixed(2).padStart(8)} ${f.remi_encode_ms.toFixed(2).padStart(8)} ${(f.remi_encode_ms / e.ms).toFixed(2).padStart(6)}x`);
}
console.log(`${'file'.padEnd(48)} ${'tokens'.padStart(7)} ${'ms (TS)'.padStart(8)} ${'ms (py)'.padStart(8)} ${'speedup'.padStart(7)}`);
for (const r of rows) console.log(r);
const t = perf.totals;
console.log('');
console.log(`| measure | @mirkit/miditok | MidiTok+symusic (recorded) | ratio (py / ts) |`);
console.log(`|---|---|---|---|`);
console.log(`| REMI encode, total ms (${perf.files.length} files) | ${enc.toFixed(1)} | ${t.remi_encode_ms_sum_of_medians.toFixed(1)} | ${(t.remi_encode_ms_sum_of_medians / enc).toFixed(2)}x |`);
console.log(`| REMI encode, ms / file | ${(enc / perf.files.length).toFixed(2)} | ${(t.remi_encode_ms_sum_of_medians / t.files).toFixed(2)} | |`);
console.log(`| REMI tokens / s | ${((tokens / enc) * 1000 / 1e6).toFixed(3)} M | ${(t.tokens_per_second / 1e6).toFixed(3)} M | ${((tokens / enc) * 1000 / t.tokens_per_second).toFixed(2)}x |`);
console.log(`| REMI+ encode, total ms | ${encPlus.toFixed(1)} | ${t.remi_plus_encode_ms_sum_of_medians.toFixed(1)} | ${(t.remi_plus_encode_ms_sum_of_medians / encPlus).toFixed(2)}x |`);
console.log(`| MIDI load, total ms | ${load.toFixed(1)} | ${t.symusic_load_ms_sum_of_medians.toFixed(1)} (symusic, C++) | ${(t.symusic_load_ms_sum_of_medians / load).toFixed(2)}x |`);
console.log(`| MIDI load, first parse of each file (cold JIT), total ms | ${loadCold.toFixed(1)} | | ${(t.symusic_load_ms_sum_of_medians / loadCold).toFixed(2)}x |`);
console.log(`| MIDI load via midi-file 1.2.4 events (reference), total ms | ${loadRef.toFixed(1)} | | ${(t.symusic_load_ms_sum_of_medians / loadRef).toFixed(2)}x |`);
console.log(`(tokens: ${tokens} here vs ${t.tokens} recorded; the recorded figures come from ${String(perf.machine.cpu)} with ${String(perf.machine.cpu_count)} vCPUs, pinned to one core.)`);
