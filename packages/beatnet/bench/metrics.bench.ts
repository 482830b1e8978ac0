/**
 * `pnpm bench` for @mirkit/beatnet: `beatEvaluate` (all mir_eval beat metrics) on a 30-s clip and a 10-min track
 * with jittered, partly missing estimates, timed against Python `mir_eval.beat.evaluate` in /usr/bin/python3 when
 * it is installed (apt-get install python3-mir-eval). Also reports the largest score difference.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng } from '@mirkit/core';
import { beatEvaluate } from '../src/index.js';

const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
const tmp = mkdtempSync(join(tmpdir(), 'mirkit-beatnet-bench-'));

function track(seconds: number, seed: number): { reference: number[]; estimate: number[] } {
  const rng = createRng(seed);
  const reference: number[] = [];
  for (let t = 0.3; t < seconds; t += 0.5) reference.push(Math.round(t * 1000) / 1000);
  const estimate: number[] = [];
  for (const r of reference) {
    if (rng.next() < 0.05) continue; // missed beat
    estimate.push(Math.max(0, r + (rng.next() - 0.5) * 0.08));
    if (rng.next() < 0.03) estimate.push(r + 0.25); // extra off-beat
  }
  estimate.sort((a, b) => a - b);
  return { reference, estimate };
}

function best(fn: () => unknown): number {
  let min = Infinity;
  for (let i = 0; i < REPEATS; i++) {
    const t0 = performance.now();
    fn();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

const PYTHON = `
import json, sys, time, numpy as np, mir_eval, warnings
warnings.simplefilter('ignore')
d = json.load(open(sys.argv[1])); repeats = int(sys.argv[2])
ref = np.array(d['reference']); est = np.array(d['estimate'])
best = float('inf')
for _ in range(repeats):
    t0 = time.perf_counter(); s = mir_eval.beat.evaluate(ref, est); best = min(best, time.perf_counter() - t0)
print(json.dumps({'ms': best * 1000, 'scores': list(s.values())}))
`;

function python(input: string): { ms: number; scores: number[] } | undefined {
  const probe = spawnSync('/usr/bin/python3', ['-c', 'import mir_eval'], { encoding: 'utf8' });
  if (probe.status !== 0) return undefined;
  const run = spawnSync('/usr/bin/python3', ['-c', PYTHON, input, String(REPEATS)], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`python failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as { ms: number; scores: number[] };
}

try {
  const rows: string[][] = [];
  for (const [name, seconds] of [['30 s clip', 30], ['10 min track', 600]] as const) {
    const data = track(seconds, 7);
    const input = join(tmp, `${seconds}.json`);
    writeFileSync(input, JSON.stringify(data));
    let scores: number[] = [];
    const ms = best(() => (scores = Object.values(beatEvaluate(data.reference, data.estimate))));
    const py = python(input);
    const diff = py ? Math.max(...py.scores.map((v, i) => Math.abs(v - scores[i]!))) : undefined;
    rows.push([
      name,
      `${data.reference.length} / ${data.estimate.length}`,
      ms.toFixed(2),
      py ? py.ms.toFixed(2) : '—',
      py ? (py.ms / ms).toFixed(2) : '—',
      diff === undefined ? '—' : diff.toExponential(1),
    ]);
  }
  const header = ['beatEvaluate', 'ref / est beats', 'TS ms', 'mir_eval ms', 'speed-up', 'max Δ score'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log([line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n'));
  if (!rows.some((r) => r[3] !== '—')) console.log('(Python mir_eval not found in /usr/bin/python3: apt-get install python3-mir-eval)');
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
