import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../io/write-file-atomic.js';
import type { FitContext } from '../fit-context.js';
import { CosineAnnealingLr } from './cosine-annealing-lr.js';
import { EarlyStopping } from './early-stopping.js';
import { formatCheckpointName, ModelCheckpoint } from './model-checkpoint.js';
import { ProgressBar } from './progress-bar.js';
import { ReduceLrOnPlateau } from './reduce-lr-on-plateau.js';
import { StepLr } from './step-lr.js';

/** The FitContext a trainer would pass, driven by hand (epochs, metrics, LR). */
function context(
  lr = 1,
): FitContext & {
  lr: number;
  epochAt(e: number, metrics: Record<string, number>): FitContext;
  saved: string[];
} {
  const saved: string[] = [];
  const ctx = {
    stage: 'fit' as const,
    epoch: 0,
    globalStep: 0,
    maxEpochs: 100,
    numTrainBatches: 4,
    numEvalBatches: undefined,
    logEvery: 1,
    metrics: {} as Record<string, number>,
    shouldStop: false,
    lr,
    saved,
    get learningRate() {
      return this.lr;
    },
    setLearningRate(v: number) {
      this.lr = v;
    },
    async saveCheckpoint(path: string) {
      saved.push(path);
      await writeFileAtomic(path, 'x');
    },
    log: () => undefined,
    epochAt(e: number, metrics: Record<string, number>) {
      this.epoch = e;
      this.globalStep = (e + 1) * 4;
      this.metrics = metrics;
      return this;
    },
  };
  return ctx;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mirkit-cb-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('EarlyStopping', () => {
  it('stops after `patience` epochs without an improvement larger than minDelta (mode max)', () => {
    const es = new EarlyStopping({ monitor: 'acc', mode: 'max', patience: 2, minDelta: 0.01 });
    const ctx = context();
    for (const [e, acc] of [0.5, 0.6, 0.605, 0.609, 0.7].entries()) {
      es.onTrainEpochEnd(ctx.epochAt(e, { acc }));
      if (ctx.shouldStop) break;
    }
    expect(es.stoppedEpoch).toBe(3);
    expect(es.best).toBe(0.6);
    const restored = new EarlyStopping({ monitor: 'acc', mode: 'max', patience: 2 });
    restored.loadStateDict(es.stateDict());
    expect(restored.wait).toBe(2);
  });

  it('stops on a non-finite metric and names missing metrics', () => {
    const es = new EarlyStopping();
    const ctx = context();
    es.onTrainEpochEnd(ctx.epochAt(0, { val_loss: Number.NaN }));
    expect(ctx.shouldStop).toBe(true);
    expect(() => new EarlyStopping().onTrainEpochEnd(context().epochAt(0, { train_loss: 1 }))).toThrow(
      "EarlyStopping could not find the monitored metric 'val_loss'. Available metrics: train_loss",
    );
    expect(() => new EarlyStopping({ mode: 'up' as never })).toThrow(/mode should be 'min' or 'max'/);
  });
});

describe('ModelCheckpoint', () => {
  it('formats names and keeps the top k files by the monitored metric', async () => {
    expect(formatCheckpointName('e{epoch}-{val_loss:.3f}-{missing}', { epoch: 2, val_loss: 0.12345 })).toBe(
      'e2-0.123-{missing}',
    );
    const d = join(dir, 'topk');
    const mc = new ModelCheckpoint({
      dirpath: d,
      monitor: 'val_loss',
      saveTopK: 2,
      filename: 'e{epoch}',
      saveLast: true,
    });
    const ctx = context();
    for (const [e, v] of [0.9, 0.5, 0.7, 0.8, 0.4].entries())
      await mc.onTrainEpochEnd(ctx.epochAt(e, { val_loss: v }));
    expect((await readdir(d)).sort()).toEqual(['e1.ckpt', 'e4.ckpt', 'last.ckpt']);
    expect(mc.bestModelPath).toBe(join(d, 'e4.ckpt'));
    expect(mc.bestModelScore).toBe(0.4);
    expect(ctx.saved.filter((p) => !p.endsWith('last.ckpt')).map((p) => p.slice(d.length + 1))).toEqual([
      'e0.ckpt',
      'e1.ckpt',
      'e2.ckpt',
      'e4.ckpt',
    ]);
  });
});

describe('LR schedulers (torch formulas)', () => {
  it('StepLr and CosineAnnealingLr set the LR after each epoch', () => {
    const ctx = context(0.1);
    const step = new StepLr({ stepSize: 2, gamma: 0.5 });
    step.onFitStart(ctx);
    const lrs: number[] = [];
    for (let e = 0; e < 5; e++) {
      step.onTrainEpochEnd(ctx.epochAt(e, {}));
      lrs.push(ctx.lr);
    }
    expect(lrs).toEqual([0.1, 0.05, 0.05, 0.025, 0.025]);
    const c2 = context(1);
    const cos = new CosineAnnealingLr({ tMax: 4, etaMin: 0 });
    cos.onFitStart(c2);
    const cl: number[] = [];
    for (let e = 0; e < 4; e++) {
      cos.onTrainEpochEnd(c2.epochAt(e, {}));
      cl.push(c2.lr);
    }
    expect(cl.map((v) => +v.toFixed(12))).toEqual([0.853553390593, 0.5, 0.146446609407, 0]);
  });

  it('ReduceLrOnPlateau reduces after patience bad epochs, with cooldown', () => {
    const ctx = context(1);
    const r = new ReduceLrOnPlateau({ patience: 1, factor: 0.5, cooldown: 1 });
    const lrs: number[] = [];
    for (const [e, v] of [1, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9].entries()) {
      r.onTrainEpochEnd(ctx.epochAt(e, { val_loss: v }));
      lrs.push(ctx.lr);
    }
    expect(lrs).toEqual([1, 1, 1, 0.5, 0.5, 0.5, 0.25]);
  });
});

describe('ProgressBar', () => {
  it('prints plain lines with rate when not a TTY', () => {
    let out = '';
    const pb = new ProgressBar({ stream: { write: (s: string) => void (out += s), isTTY: false } });
    const ctx = context();
    pb.onTrainEpochStart(ctx.epochAt(0, {}));
    for (let i = 0; i < 4; i++) pb.onTrainBatchEnd(ctx, { loss: 1 / (i + 1), logs: {}, batchSize: 1 });
    pb.onTrainEpochEnd(ctx.epochAt(0, { train_loss: 0.52 }));
    expect(out).toMatch(/^epoch 1\/100 .*4\/4 batches.*train_loss 0\.5200/m);
    expect(out).not.toMatch(/\r/);
  });
});
