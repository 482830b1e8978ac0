import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataLoader } from '../loader/data-loader.js';
import { createSyntheticDataset } from '../synthetic/synthetic-dataset.js';
import type { Callback } from '../train/callback.js';
import { EarlyStopping } from '../train/callbacks/early-stopping.js';
import { ModelCheckpoint } from '../train/callbacks/model-checkpoint.js';
import { CsvLogger } from '../train/callbacks/csv-logger.js';
import { JsonlLogger } from '../train/callbacks/jsonl-logger.js';
import { StepLr } from '../train/callbacks/step-lr.js';
import type { FitContext, StepMetrics } from '../train/fit-context.js';
import { Trainer } from './trainer.js';
import { classifierModule, conv2dModel, crnnModel } from './test-utils/reference-models.js';

const quiet = { log: () => undefined, enableProgressBar: false } as const;

function loader(shape: number[], length: number, batchSize: number, seed = 0, shuffle = true) {
  return new DataLoader({
    dataset: createSyntheticDataset({ length, shape, numClasses: 2, seed, noise: 0.05 }),
    batchSize,
    shuffle,
    seed,
  });
}

/** Records every step's and epoch's numbers. */
class Recorder implements Callback {
  readonly stateKey = 'Recorder';
  steps: number[] = [];
  epochs: Record<string, number>[] = [];
  onTrainBatchEnd(_ctx: FitContext, out: StepMetrics): void {
    this.steps.push(out.loss);
  }
  onTrainEpochEnd(ctx: FitContext): void {
    this.epochs.push({ ...ctx.metrics, epoch: ctx.epoch, step: ctx.globalStep });
  }
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mirkit-trainer-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function mean(a: number[]): number {
  return a.reduce((s, v) => s + v, 0) / a.length;
}

describe('Trainer on wasm', () => {
  it('a small Conv2D model trains and its loss falls; no tensor leaks across epochs', async () => {
    const rec = new Recorder();
    const trainer = new Trainer({ backend: 'wasm', maxEpochs: 4, callbacks: [rec], seed: 1, ...quiet });
    const module = classifierModule(
      () => conv2dModel({ inputShape: [16, 8, 1], filters: [4, 8, 8], classes: 2, dropout: 0 }),
      0.02,
    );
    await trainer.fit(module, loader([16, 8, 1], 64, 8), loader([16, 8, 1], 16, 8, 9, false));
    expect(trainer.backend?.name).toBe('wasm');
    expect(rec.steps).toHaveLength(32);
    expect(mean(rec.steps.slice(-6))).toBeLessThan(0.6 * mean(rec.steps.slice(0, 3)));
    expect(rec.epochs.at(-1)!.val_loss).toBeLessThan(rec.epochs[0]!.val_loss!);
    // Adam creates its slot variables in the first step; from then on the count is constant.
    const [, ...later] = trainer.epochStartTensors;
    expect(later.length).toBe(3);
    expect(new Set(later).size).toBe(1);
    const params = module.parameters().filter((p) => p.trainable).length;
    expect(later[0]! - trainer.epochStartTensors[0]!).toBe(2 * params); // Adam slots m, v per parameter
  });

  for (const fused of [false, true]) {
    it(`a small Conv1D+LSTM model trains and its loss falls (${fused ? 'fusedLstmLayer' : 'tf.layers.lstm'})`, async () => {
      const rec = new Recorder();
      const trainer = new Trainer({
        backend: 'wasm',
        maxEpochs: fused ? 6 : 4,
        callbacks: [rec],
        seed: 2,
        ...quiet,
      });
      const module = classifierModule(
        () => crnnModel({ inputShape: [32, 2], conv: 8, units: 8, pool: 2, classes: 2, fused }),
        0.02,
      );
      await trainer.fit(module, loader([32, 2], 48, 8, 3));
      expect(rec.steps).toHaveLength(fused ? 36 : 24);
      expect(mean(rec.steps.slice(-6))).toBeLessThan(0.7 * mean(rec.steps.slice(0, 3)));
    });
  }

  it('validate, test and predict return metrics and plain arrays', async () => {
    const trainer = new Trainer({ backend: 'wasm', ...quiet });
    const module = classifierModule(() =>
      conv2dModel({ inputShape: [8, 4, 1], filters: [2, 2, 2], classes: 2, dropout: 0 }),
    );
    const before = tf.memory().numTensors;
    const v = await trainer.validate(module, loader([8, 4, 1], 10, 4, 0, false));
    const t = await trainer.test(module, loader([8, 4, 1], 10, 4, 0, false));
    expect(Object.keys(v).sort()).toEqual(['val_acc', 'val_loss']);
    expect(t.test_loss).toBeCloseTo(v.val_loss!, 6);
    const preds = await trainer.predict(module, loader([8, 4, 1], 10, 4, 0, false));
    expect(preds).toHaveLength(3);
    const last = preds[2] as { shape: number[]; data: Float32Array };
    expect(last.shape).toEqual([2, 2]);
    expect(last.data[0]! + last.data[1]!).toBeCloseTo(1, 5);
    const paramsTensors = module.parameters().length;
    expect(tf.memory().numTensors - before).toBe(paramsTensors);
  });
});

describe('Trainer on cpu', () => {
  const shape = [12, 4, 1];
  const build = () =>
    classifierModule(
      () => conv2dModel({ inputShape: [12, 4, 1], filters: [2, 4, 4], classes: 2, dropout: 0, seed: 5 }),
      0.01,
    );

  it('EarlyStopping stops when the monitored metric stops improving', async () => {
    const stop = new EarlyStopping({ monitor: 'val_loss', patience: 1, minDelta: 10 });
    const rec = new Recorder();
    const trainer = new Trainer({ backend: 'cpu', maxEpochs: 10, callbacks: [stop, rec], ...quiet });
    await trainer.fit(build(), loader(shape, 16, 8), loader(shape, 8, 8, 4, false));
    expect(rec.epochs).toHaveLength(2);
    expect(stop.stoppedEpoch).toBe(1);
    expect(trainer.shouldStop).toBe(true);
  });

  it('checkpoint then resume reproduces an uninterrupted run exactly (epoch and mid-epoch)', async () => {
    const ckdir = join(dir, 'resume');
    const logdir = join(dir, 'logs');
    const mk = (extra: Callback[] = []) => {
      const rec = new Recorder();
      // Checkpointing callbacks first: the trainer still runs them after the scheduler and the loggers.
      const cbs: Callback[] = [...extra, rec, new StepLr({ stepSize: 1, gamma: 0.5 })];
      return {
        rec,
        trainer: new Trainer({
          backend: 'cpu',
          maxEpochs: 3,
          callbacks: cbs,
          seed: 7,
          logEvery: 1,
          ...quiet,
        }),
      };
    };
    class MidEpochSaver implements Callback {
      readonly stateKey = 'MidEpochSaver';
      async onTrainBatchEnd(ctx: FitContext, _o: StepMetrics, batchIdx: number) {
        if (ctx.epoch === 1 && batchIdx === 1) await ctx.saveCheckpoint(join(ckdir, 'mid.ckpt'));
      }
    }
    const full = mk([
      new ModelCheckpoint({ dirpath: ckdir, saveTopK: -1, filename: 'e{epoch}' }),
      new MidEpochSaver(),
      new CsvLogger({ dir: logdir }),
      new JsonlLogger({ dir: logdir }),
    ]);
    const moduleA = build();
    await full.trainer.fit(moduleA, loader(shape, 24, 8, 11), loader(shape, 8, 8, 12, false));
    expect((await readdir(ckdir)).sort()).toEqual(['e0.ckpt', 'e1.ckpt', 'e2.ckpt', 'mid.ckpt']);
    const finalA = moduleA.parameters().map((p) => Array.from(p.variable.dataSync()));

    for (const [file, stepsDone] of [
      ['e0.ckpt', 3],
      ['mid.ckpt', 5],
    ] as const) {
      const resumed = mk();
      const moduleB = build(); // fresh weights: everything must come from the checkpoint
      await resumed.trainer.fit(moduleB, loader(shape, 24, 8, 11), loader(shape, 8, 8, 12, false), {
        resumeFrom: join(ckdir, file),
      });
      expect(resumed.rec.steps).toEqual(full.rec.steps.slice(stepsDone));
      expect(resumed.rec.epochs).toEqual(full.rec.epochs.slice(1));
      expect(moduleB.parameters().map((p) => Array.from(p.variable.dataSync()))).toEqual(finalA);
    }
    const csv = (await readFile(join(logdir, 'metrics.csv'), 'utf8')).trim().split('\n');
    expect(csv[0]).toBe('epoch,step,loss,train_acc,lr,train_loss,val_loss,val_acc');
    expect(csv).toHaveLength(1 + 9 + 3);
    const jsonl = (await readFile(join(logdir, 'metrics.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, number>);
    expect(jsonl.filter((r) => r.lr !== undefined).map((r) => r.lr)).toEqual([0.01, 0.005, 0.0025]); // the LR each epoch ran with (logged before StepLr steps)
  });

  it('refuses a checkpoint from another loader seed, and a missing or corrupt file', async () => {
    const ckdir = join(dir, 'refuse');
    const t1 = new Trainer({
      backend: 'cpu',
      maxEpochs: 1,
      callbacks: [new ModelCheckpoint({ dirpath: ckdir, filename: 'a' })],
      ...quiet,
    });
    await t1.fit(build(), loader(shape, 8, 8, 1));
    const t2 = new Trainer({ backend: 'cpu', maxEpochs: 2, ...quiet });
    await expect(
      t2.fit(build(), loader(shape, 8, 8, 2), undefined, { resumeFrom: join(ckdir, 'a.ckpt') }),
    ).rejects.toThrow(/loader of seed 1/);
    await expect(
      t2.fit(build(), loader(shape, 8, 8, 1), undefined, { resumeFrom: join(ckdir, 'nope.ckpt') }),
    ).rejects.toMatchObject({ code: 'ERR_MISSING_FILE' });
    await expect(
      t2.fit(build(), loader(shape, 8, 8, 1), undefined, {
        resumeFrom: join(ckdir, '..', 'logs', 'metrics.csv'),
      }),
    ).rejects.toMatchObject({ code: 'ERR_CHECKPOINT' });
  });

  it('accumulating 2 half batches equals one full batch; clipping bounds the update', async () => {
    const x = tf.tensor2d([
      [1, 2],
      [3, 4],
      [-1, 0.5],
      [2, -2],
    ]);
    const y = tf.tensor1d([1, -1, 0.5, 2]);
    const linear = (clip?: number, accumulate = 1) => {
      let w: tf.Variable;
      return {
        w: () => w,
        setup() {
          w = tf.variable(tf.tensor2d([[0.1], [-0.2]]));
        },
        parameters: () => [{ name: 'w', variable: w, trainable: true }],
        trainingStep: (b: Record<string, unknown>) => ({
          loss: tf.mean(tf.square(tf.sub(tf.squeeze(tf.matMul(b.x as tf.Tensor2D, w)), b.y as tf.Tensor))),
        }),
        configureOptimizers: () => tf.train.sgd(0.1),
        clip,
        accumulate,
      };
    };
    const full = linear();
    await new Trainer({ backend: 'cpu', ...quiet }).fit(full, [{ x: x.arraySync(), y: y.arraySync() }]);
    const halves = linear();
    await new Trainer({ backend: 'cpu', accumulateGradBatches: 2, ...quiet }).fit(halves, [
      { x: x.slice(0, 2).arraySync(), y: y.slice(0, 2).arraySync() },
      { x: x.slice(2, 2).arraySync(), y: y.slice(2, 2).arraySync() },
    ]);
    const a = full.w().dataSync();
    const b = halves.w().dataSync();
    expect(Math.abs(a[0]! - b[0]!)).toBeLessThan(1e-6);
    expect(Math.abs(a[1]! - b[1]!)).toBeLessThan(1e-6);
    const clipped = linear();
    await new Trainer({ backend: 'cpu', gradientClipNorm: 0.01, ...quiet }).fit(clipped, [
      { x: x.arraySync(), y: y.arraySync() },
    ]);
    const d = clipped.w().dataSync();
    expect(Math.hypot(d[0]! - 0.1, d[1]! + 0.2)).toBeCloseTo(0.1 * 0.01, 5); // lr · clip norm
    tf.dispose([x, y]);
  });

  it('rejects bad options and bad step outputs with clear errors', async () => {
    expect(() => new Trainer({ maxEpochs: 0 })).toThrow(/maxEpochs should be an integer ≥ 1/);
    expect(() => new Trainer({ gradientClipNorm: -1 })).toThrow(/gradientClipNorm/);
    const w = tf.variable(tf.zeros([1]));
    const noParams = {
      parameters: () => [],
      trainingStep: () => ({ loss: tf.scalar(0) }),
      configureOptimizers: () => tf.train.sgd(0.1),
    };
    await expect(new Trainer({ backend: 'cpu', ...quiet }).fit(noParams, [{ x: [1] }])).rejects.toThrow(
      /no trainable parameter/,
    );
    const bad = {
      parameters: () => [{ name: 'w', variable: w, trainable: true }],
      trainingStep: () => ({ loss: 3 as unknown as tf.Scalar }),
      configureOptimizers: () => tf.train.sgd(0.1),
    };
    const seen: unknown[] = [];
    const t = new Trainer({
      backend: 'cpu',
      callbacks: [{ onException: (_c, e) => void seen.push(e) }],
      ...quiet,
    });
    await expect(t.fit(bad, [{ x: [1] }])).rejects.toThrow(/trainingStep should return \{ loss: tf.Scalar/);
    expect(seen).toHaveLength(1);
    w.dispose();
  });
});
