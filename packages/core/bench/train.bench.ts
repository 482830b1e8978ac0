/**
 * Training-step time of toolchain.md §4.5's two reference models (batch 16, Adam, random data), through the
 * Trainer, on the wasm and cpu tfjs backends, beside PyTorch CPU (1 thread) timed in the same run when
 * /usr/bin/python3 has torch. Prints ms/step and the tfjs/torch ratio (the tracked figure).
 *
 * - Conv2D: Conv2D16+BN+Pool+Conv2D32+Pool+Conv2D64+GAP+Dropout+Dense10 on 16×128×64×1.
 * - Conv1D+LSTM: Conv1D32(k5)+MaxPool4+LSTM64(seq)+LSTM64+Dense10 on 16×500×16.
 *
 * Each wasm model is timed before/after mirkit's optimisations: tfjs-wasm's own Conv2DBackpropInput and Tile vs
 * mirkit's replacements (`useFastWasmKernels`), and tf.layers.lstm vs `fusedLstmLayer`.
 *
 * The cpu backend needs ~47 s for one Conv2D step, so that row times ONE step (no warm-up);
 * MIRKIT_BENCH_CPU_CONV=0 skips it. MIRKIT_BENCH_STEPS sets the timed wasm steps (default 5, after 2 warm-up steps), MIRKIT_BENCH_ROUNDS how
 * often each before/after pair is repeated (default 2); times are best-of-N (the
 * least disturbed sample on a shared machine), PyTorch's too.
 * `MIRKIT_BENCH_PROFILE=1` also prints the top wasm kernels of one step per model (`=only`: just that).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../src/random/rng.js';
import type { Callback } from '../src/train/callback.js';
import { wasmBackend } from '../src/tfjs/backends/builtin-backends.js';
import { useFastWasmKernels } from '../src/tfjs/kernels/register-training-kernels.js';
import { Trainer } from '../src/tfjs/trainer.js';
import { classifierModule, conv2dModel, crnnModel } from '../src/tfjs/test-utils/reference-models.js';

const STEPS = Number(process.env.MIRKIT_BENCH_STEPS ?? 5);
const WARMUP = 2;
const ROUNDS = Number(process.env.MIRKIT_BENCH_ROUNDS ?? 2);

interface Spec {
  key: 'conv2d' | 'crnn';
  name: string;
  shape: number[];
  build: (optimized: boolean) => tf.LayersModel;
  /** What "optimized" changes. */
  variants: [string, string];
}

const SPECS: Spec[] = [
  {
    key: 'conv2d',
    name: 'Conv2D 16/32/64, 16×128×64×1',
    shape: [128, 64, 1],
    build: () => conv2dModel(),
    variants: ['tfjs-wasm kernels + missing-kernel fix', 'mirkit Conv2DBackpropInput + Tile'],
  },
  {
    key: 'crnn',
    name: 'Conv1D32+2×LSTM64, 16×500×16',
    shape: [500, 16],
    build: (optimized) => crnnModel({ fused: optimized }),
    variants: ['tf.layers.lstm (unrolled)', 'fusedLstmLayer'],
  },
];

function batches(
  shape: number[],
  n: number,
): {
  features: { data: Float32Array; shape: number[]; dtype: 'float32' };
  label: { data: Int32Array; shape: number[]; dtype: 'int32' };
}[] {
  const rng = createRng(42);
  const size = 16 * shape.reduce((a, b) => a * b, 1);
  return Array.from({ length: n }, () => {
    const data = new Float32Array(size);
    for (let i = 0; i < size; i++) data[i] = rng.next() * 2 - 1;
    const label = new Int32Array(16);
    for (let i = 0; i < 16; i++) label[i] = rng.int(10);
    return {
      features: { data, shape: [16, ...shape], dtype: 'float32' },
      label: { data: label, shape: [16], dtype: 'int32' },
    };
  });
}

class StepTimer implements Callback {
  readonly times: number[] = [];
  #t = 0;
  onTrainBatchStart(): void {
    this.#t = performance.now();
  }
  onTrainBatchEnd(): void {
    this.times.push(performance.now() - this.#t);
  }
}

/** Best of the timed steps: the machine may be shared, and the minimum is the least disturbed sample. */
function best(a: number[]): number {
  return Math.min(...a);
}

async function timeTfjs(
  spec: Spec,
  backend: 'wasm' | 'cpu',
  optimized: boolean,
  warmup: number,
  steps: number,
): Promise<number> {
  const timer = new StepTimer();
  const trainer = new Trainer({
    backend,
    maxEpochs: 1,
    callbacks: [timer],
    enableProgressBar: false,
    log: () => undefined,
  });
  const module = classifierModule(() => spec.build(optimized), 1e-3);
  useFastWasmKernels(spec.key !== 'conv2d' || optimized);
  await trainer.fit(module, batches(spec.shape, warmup + steps));
  useFastWasmKernels(true);
  module.model().dispose();
  return best(timer.times.slice(warmup));
}

async function profile(spec: Spec): Promise<void> {
  const trainer = new Trainer({
    backend: 'wasm',
    maxEpochs: 1,
    enableProgressBar: false,
    log: () => undefined,
  });
  const module = classifierModule(() => spec.build(true), 1e-3);
  await trainer.fit(module, batches(spec.shape, 1)); // warm-up + optimizer slots
  const data = batches(spec.shape, 1);
  const info = await tf.profile(async () => {
    await trainer.fit(module, data);
  });
  const byKernel = new Map<string, { ms: number; n: number }>();
  for (const k of info.kernels) {
    const e = byKernel.get(k.name) ?? { ms: 0, n: 0 };
    e.ms += Number(k.kernelTimeMs) || 0;
    e.n += 1;
    byKernel.set(k.name, e);
  }
  const total = [...byKernel.values()].reduce((s, e) => s + e.ms, 0);
  console.log(
    `\nwasm kernel profile, ${spec.name}: ${info.kernels.length} kernel calls, ${total.toFixed(0)} ms in kernels`,
  );
  for (const [name, e] of [...byKernel].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12)) {
    console.log(`  ${name.padEnd(30)} ${e.ms.toFixed(1).padStart(8)} ms  ${String(e.n).padStart(5)} calls`);
  }
  module.model().dispose();
}

const PYTHON = String.raw`
import json, sys, time
import torch, torch.nn as nn
torch.set_num_threads(1)
torch.manual_seed(0)
class Conv(nn.Module):
    def __init__(s):
        super().__init__()
        s.c1 = nn.Conv2d(1, 16, 3, padding=1); s.bn = nn.BatchNorm2d(16); s.c2 = nn.Conv2d(16, 32, 3, padding=1)
        s.c3 = nn.Conv2d(32, 64, 3, padding=1); s.drop = nn.Dropout(0.3); s.fc = nn.Linear(64, 10)
    def forward(s, x):
        x = nn.functional.max_pool2d(s.bn(torch.relu(s.c1(x))), 2)
        x = nn.functional.max_pool2d(torch.relu(s.c2(x)), 2)
        x = torch.relu(s.c3(x)).mean(dim=(2, 3))
        return s.fc(s.drop(x))
class Crnn(nn.Module):
    def __init__(s):
        super().__init__()
        s.conv = nn.Conv1d(16, 32, 5); s.l1 = nn.LSTM(32, 64, batch_first=True); s.l2 = nn.LSTM(64, 64, batch_first=True); s.fc = nn.Linear(64, 10)
    def forward(s, x):
        x = nn.functional.max_pool1d(torch.relu(s.conv(x.transpose(1, 2))), 4).transpose(1, 2)
        x, _ = s.l1(x); x, _ = s.l2(x)
        return s.fc(x[:, -1])
def bench(model, x, n=12, warm=3):
    opt = torch.optim.Adam(model.parameters(), 1e-3); y = torch.randint(0, 10, (16,)); loss_fn = nn.CrossEntropyLoss()
    ts = []
    for i in range(warm + n):
        t = time.perf_counter(); opt.zero_grad(); loss = loss_fn(model(x), y); loss.backward(); opt.step(); ts.append(time.perf_counter() - t)
    return 1000 * min(ts[warm:])
print(json.dumps({"conv2d": bench(Conv(), torch.randn(16, 1, 128, 64)), "crnn": bench(Crnn(), torch.randn(16, 500, 16)), "torch": torch.__version__}))
`;

function timeTorch(): Record<string, number | string> | undefined {
  if (!existsSync('/usr/bin/python3')) return undefined;
  const r = spawnSync('/usr/bin/python3', ['-c', PYTHON], {
    encoding: 'utf8',
    env: { ...process.env, OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
  });
  if (r.status !== 0) {
    console.log(`(PyTorch column skipped: ${(r.stderr || '').trim().split('\n').at(-1) ?? 'python failed'})`);
    return undefined;
  }
  return JSON.parse(r.stdout) as Record<string, number | string>;
}

await wasmBackend().setup(); // registers the wasm training kernels (and the replaceable ones)

if (process.env.MIRKIT_BENCH_PROFILE === 'only') {
  for (const spec of SPECS) await profile(spec);
  process.exit(0);
}

const torchBefore = timeTorch();
const rows: { model: string; backend: string; variant: string; ms: number | undefined; note: string }[] = [];
for (const spec of SPECS) {
  // Before/after alternate for ROUNDS rounds (best kept), so drifting load on a shared machine hits both alike.
  const bestOf: [number, number] = [Infinity, Infinity];
  for (let round = 0; round < ROUNDS; round++) {
    for (const optimized of [false, true]) {
      const i = optimized ? 1 : 0;
      bestOf[i] = Math.min(bestOf[i], await timeTfjs(spec, 'wasm', optimized, WARMUP, STEPS));
    }
  }
  for (const optimized of [false, true]) {
    const ms = bestOf[optimized ? 1 : 0];
    rows.push({
      model: spec.name,
      backend: 'wasm',
      variant: spec.variants[optimized ? 1 : 0],
      ms,
      note: `best of ${ROUNDS}×${STEPS} steps (${WARMUP} warm-up each)`,
    });
  }
  if (spec.key === 'conv2d' && process.env.MIRKIT_BENCH_CPU_CONV === '0') {
    rows.push({
      model: spec.name,
      backend: 'cpu',
      variant: 'tfjs-cpu',
      ms: undefined,
      note: 'skipped with MIRKIT_BENCH_CPU_CONV=0 (~47 s/step)',
    });
  } else {
    const one = spec.key === 'conv2d';
    const ms = await timeTfjs(spec, 'cpu', false, one ? 0 : 1, one ? 1 : 2);
    rows.push({
      model: spec.name,
      backend: 'cpu',
      variant: spec.key === 'crnn' ? spec.variants[0] : 'tfjs-cpu',
      ms,
      note: one ? 'one step, no warm-up' : 'best of 2 after 1 warm-up',
    });
  }
}

// PyTorch is timed before and after the tfjs rows and the best of both is used: on a shared machine, load from
// other processes then affects both columns alike.
const torchAfter = torchBefore ? timeTorch() : undefined;
const torch =
  torchBefore && torchAfter
    ? {
        ...torchBefore,
        conv2d: Math.min(torchBefore.conv2d as number, torchAfter.conv2d as number),
        crnn: Math.min(torchBefore.crnn as number, torchAfter.crnn as number),
      }
    : torchBefore;
const fmt = (v: number | undefined) => (v === undefined ? '—' : v.toFixed(1));
console.log(
  `\nTraining step, batch 16, Adam (Node ${process.version}, tfjs ${tf.version.tfjs}${torch ? `, PyTorch ${String(torch.torch)} CPU 1 thread` : ', no PyTorch'}); best-of-N ms\n`,
);
console.log('| model | backend | variant | tfjs ms/step | PyTorch ms/step | tfjs / PyTorch | note |');
console.log('|---|---|---|---:|---:|---:|---|');
for (const r of rows) {
  const key = SPECS.find((s) => s.name === r.model)!.key;
  const t = torch ? (torch[key] as number) : undefined;
  const ratio = r.ms !== undefined && t !== undefined ? `${(r.ms / t).toFixed(1)}×` : '—';
  console.log(
    `| ${r.model} | ${r.backend} | ${r.variant} | ${fmt(r.ms)} | ${fmt(t)} | ${ratio} | ${r.note} |`,
  );
}
if (process.env.MIRKIT_BENCH_PROFILE === '1') for (const spec of SPECS) await profile(spec);
