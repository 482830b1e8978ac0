/**
 * DataLoader throughput: 10k items of 16k float32 (`core/synthetic`), batch 32, numWorkers 0 / 1 / 2, against the
 * "no loader" floor (the same items generated and collated in a plain loop). When /usr/bin/python3 has torch and
 * numpy, torch.utils.data.DataLoader is timed on the same workload (numpy sine + noise) in the same run.
 *
 * Uses the built package (`pnpm --filter @mirkit/core build` first). `MIRKIT_BENCH_ITEMS` overrides the item count.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { DataLoader, SyntheticDataset, createSyntheticDataset, defaultCollate, formatBytes, type SyntheticItem } from '@mirkit/core';

const N = Number(process.env.MIRKIT_BENCH_ITEMS ?? 10_000);
const LENGTH = 16_000;
const BATCH = 32;

interface Row {
  name: string;
  seconds: number;
  /** CPU time of the process, all threads (user + system), in seconds: insensitive to other load. */
  cpu: number;
  items: number;
  bytes?: number;
}

const cpuSeconds = (since: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1e6;
};

async function timeLoader(numWorkers: number): Promise<Row> {
  const dataset = createSyntheticDataset({ length: N, shape: [LENGTH], seed: 1 });
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  const loader = new DataLoader<SyntheticItem, { features: { data: Float32Array } }>({ dataset, batchSize: BATCH, numWorkers });
  let items = 0;
  let checksum = 0;
  for await (const batch of loader) {
    items += batch.features.data.length / LENGTH;
    checksum += batch.features.data[0]!;
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuSeconds(cpu0);
  if (!Number.isFinite(checksum) || items !== N) throw new Error(`bench loop lost items: ${items} of ${N}`);
  return { name: `DataLoader numWorkers=${numWorkers}`, seconds, cpu, items, bytes: loader.lastEpochReport?.bytesTransferred ?? 0 };
}

function timeFloor(n = N): Row {
  const dataset = new SyntheticDataset({ length: n, shape: [LENGTH], seed: 1 });
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  let checksum = 0;
  for (let start = 0; start < n; start += BATCH) {
    const items: SyntheticItem[] = [];
    for (let i = start; i < Math.min(n, start + BATCH); i++) items.push(dataset.get(i));
    const batch = defaultCollate<SyntheticItem, { features: { data: Float32Array } }>(items);
    checksum += batch.features.data[0]!;
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuSeconds(cpu0);
  if (!Number.isFinite(checksum)) throw new Error('bad checksum');
  return { name: 'no loader (floor)', seconds, cpu, items: n };
}

const PYTHON = String.raw`
import json, math, sys, time
import numpy as np, torch
from torch.utils.data import DataLoader, Dataset, default_collate
torch.set_num_threads(1)
N, L, B = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
class Synthetic(Dataset):
    def __len__(self): return N
    def __getitem__(self, i):
        rng = np.random.default_rng(i)
        label = int(rng.integers(10))
        omega = 2 * math.pi * 0.4 * (label + 1) / 11
        phase, amp = rng.random() * 2 * math.pi, 0.5 + 0.5 * rng.random()
        x = (amp * np.sin(phase + omega * np.arange(L)) + rng.uniform(-0.1, 0.1, L)).astype(np.float32)
        return {"index": i, "label": label, "features": torch.from_numpy(x)}
ds, out = Synthetic(), {}
t = time.perf_counter()
for s in range(0, N, B):
    default_collate([ds[i] for i in range(s, min(N, s + B))])
out["floor"] = time.perf_counter() - t
for w in (0, 1, 2):
    t = time.perf_counter()
    n = sum(b["features"].shape[0] for b in DataLoader(ds, batch_size=B, num_workers=w))
    assert n == N
    out[str(w)] = time.perf_counter() - t
print(json.dumps(out))
`;

function timeTorch(): Record<string, number> | undefined {
  if (!existsSync('/usr/bin/python3')) return undefined;
  const probe = spawnSync('/usr/bin/python3', ['-c', 'import torch, numpy'], { stdio: 'ignore' });
  if (probe.status !== 0) return undefined;
  const r = spawnSync('/usr/bin/python3', ['-c', PYTHON, String(N), String(LENGTH), String(BATCH)], { encoding: 'utf8', timeout: 180_000 });
  if (r.status !== 0) {
    process.stderr.write(`torch reference failed: ${r.stderr}\n`);
    return undefined;
  }
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Record<string, number>;
}

const rate = (items: number, seconds: number): number => items / seconds;
const fmt = (x: number, digits = 0): string => x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

console.log(`DataLoader throughput: ${fmt(N)} items × ${fmt(LENGTH)} float32 (${formatBytes(N * LENGTH * 4)}), batch ${BATCH}, ${availableParallelism()} CPUs, Node ${process.version}`);
timeFloor(Math.min(N, 1000)); // warm-up (JIT)
const floorRuns = [timeFloor()];
const loaderRows: Row[] = [];
for (const w of [0, 1, 2]) loaderRows.push(await timeLoader(w));
floorRuns.push(timeFloor()); // the floor is the better of a run before and a run after the loaders
const floor = floorRuns.reduce((a, b) => (b.seconds < a.seconds ? b : a));
const rows: Row[] = [floor, ...loaderRows];
const torch = timeTorch();

const floorRate = rate(floor.items, floor.seconds);
const torchKey = (row: Row): string => (row === floor ? 'floor' : row.name.slice(-1));
const header = ['', 'items/s', '× floor', 'CPU µs/item', 'bytes transferred', ...(torch ? ['torch items/s', 'torch × its floor', 'mirkit / torch'] : [])];
const table = rows.map((row) => {
  const r = rate(row.items, row.seconds);
  const cells = [row.name, fmt(r), fmt(r / floorRate, 2), fmt((row.cpu / row.items) * 1e6), row.bytes === undefined ? '—' : formatBytes(row.bytes)];
  if (torch) {
    const t = N / torch[torchKey(row)]!;
    cells.push(fmt(t), fmt(t / (N / torch.floor!), 2), fmt(r / t, 2));
  }
  return cells;
});
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
const line = (cells: string[]): string => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
for (const row of table) console.log(line(row));
if (!torch) console.log('(torch column skipped: /usr/bin/python3 with torch and numpy not found)');
console.log('Loader rows include worker start-up; the floor is the best of two runs; CPU is summed over all threads. Torch reference: torch.utils.data.DataLoader on a numpy sine + noise dataset of the same shape.');
