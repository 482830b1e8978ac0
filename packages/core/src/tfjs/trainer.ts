import * as tf from '@tensorflow/tfjs';
import type { Backend, DeviceKind } from '../backend/backend.js';
import { selectBackend } from '../backend/select-backend.js';
import { ConfigError, DataError } from '../errors.js';
import { createRng, type Rng, type RngState } from '../random/rng.js';
import { defaultRegistry } from '../registry/default-registry.js';
import type { Registry } from '../registry/registry.js';
import { callbackStateKeys, type Callback } from '../train/callback.js';
import { ModelCheckpoint } from '../train/callbacks/model-checkpoint.js';
import { ProgressBar } from '../train/callbacks/progress-bar.js';
import type { FitContext, Stage, StepMetrics, StepOutput } from '../train/fit-context.js';
import type { NamedParameter, StepContext } from '../train/training-module.js';
import { readCheckpoint, ownedTensorValues, snapshotTensor, writeCheckpoint, type CheckpointTensor } from './checkpoint.js';
import { TFJS_BACKENDS_PLUGIN, tfjsBackends } from './backends/tfjs-backends-plugin.js';
import { toTensors } from './to-tensors.js';
import type { TfPrediction, TfTrainingModule } from './tf-training-module.js';

/** Anything that yields batches: a DataLoader, an array, a generator. `setEpoch` is called before every epoch. */
export type BatchSource<B> = (AsyncIterable<B> | Iterable<B>) & {
  setEpoch?(epoch: number): void;
  /** Batches per epoch, when known (progress, ETA). */
  readonly length?: number | undefined;
  /** The loader's seed, recorded in checkpoints so a resume with another seed is refused. */
  readonly seed?: number | undefined;
};

export interface TrainerOptions {
  /** `'auto'` (default), `'gpu'`, `'cpu'`, or a backend name (`'wasm'`, `'tensorflow'`, `'tensorflow-gpu'`, …). */
  backend?: DeviceKind;
  /** Epochs to train (default 1). */
  maxEpochs?: number;
  /** Stop after this many optimizer steps. */
  maxSteps?: number;
  callbacks?: Callback[];
  /** Clip gradients to this global L2 norm (torch `clip_grad_norm_`), after accumulation. */
  gradientClipNorm?: number;
  /** Average gradients over this many batches per optimizer step (default 1). */
  accumulateGradBatches?: number;
  /** Seed of the trainer's RNG (per-step seeds for the module; checkpointed). Default 0. */
  seed?: number;
  /** Loggers write a step row every this many optimizer steps (default 50). */
  logEvery?: number;
  /** Add a {@link ProgressBar} (default true). */
  enableProgressBar?: boolean;
  /** Registry to select the backend from (default `defaultRegistry`; the built-in tfjs backends are added). */
  registry?: Registry;
  /** Informational lines (backend choice, early stopping); default: stderr. */
  log?: (message: string) => void;
}

export interface FitOptions {
  /** Checkpoint to continue from (written by ModelCheckpoint or `saveCheckpoint`). */
  resumeFrom?: string;
}

/** A prediction with tensors read back into plain arrays. */
export interface PlainTensor {
  data: Float32Array | Int32Array | Uint8Array;
  shape: number[];
  dtype: 'float32' | 'int32' | 'bool';
}
export type PlainPrediction = PlainTensor | PlainTensor[] | Record<string, PlainTensor>;

interface LoopState {
  epoch: number;
  /** Batches consumed in the current epoch. */
  batchesDone: number;
  epochComplete: boolean;
  globalStep: number;
  /** Weighted sums of the current epoch's train metrics. */
  sums: Record<string, number>;
  weight: number;
}

interface KeptOutput {
  loss: tf.Tensor;
  logs: Record<string, tf.Tensor | number>;
  batchSize: number;
}

const setUpModules = new WeakSet<object>();

class Sums {
  sums: Record<string, number> = {};
  weight = 0;
  add(out: StepMetrics, lossKey: string): void {
    const w = out.batchSize;
    this.weight += w;
    this.sums[lossKey] = (this.sums[lossKey] ?? 0) + out.loss * w;
    for (const [k, v] of Object.entries(out.logs)) this.sums[k] = (this.sums[k] ?? 0) + v * w;
  }
  means(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [k, v] of Object.entries(this.sums)) out[k] = v / (this.weight || 1);
    return out;
  }
}

/** Runs `fn` in an engine scope: tensors it creates are disposed unless `tf.keep`-ed (tidy for non-tensor results). */
function scoped<T>(fn: () => T): T {
  tf.engine().startScope();
  try {
    return fn();
  } finally {
    tf.engine().endScope();
  }
}

function isTensor(v: unknown): v is tf.Tensor {
  return v instanceof tf.Tensor;
}

function plain(t: tf.Tensor): PlainTensor {
  const dtype = t.dtype === 'int32' || t.dtype === 'bool' ? t.dtype : 'float32';
  return { data: ownedTensorValues(dtype, t.dataSync()), shape: [...t.shape], dtype };
}

async function* iterate<B>(source: BatchSource<B>): AsyncGenerator<B> {
  if (Symbol.asyncIterator in source) yield* source as AsyncIterable<B>;
  else yield* source as Iterable<B>;
}

/**
 * Lightning-shaped training loop on tfjs: `fit`, `validate`, `test`, `predict`, with callbacks, gradient clipping
 * and accumulation, seeded per-step RNG, checkpoint/resume that continues exactly, and no tensor leaks across
 * epochs (`epochStartTensors` records `tf.memory().numTensors` at the start of each epoch).
 */
export class Trainer {
  readonly maxEpochs: number;
  readonly maxSteps: number | undefined;
  readonly callbacks: Callback[];
  readonly gradientClipNorm: number | undefined;
  readonly accumulateGradBatches: number;
  readonly seed: number;
  readonly logEvery: number;
  /** `tf.memory().numTensors` at the start of every training epoch of the last fit (leak diagnostics). */
  readonly epochStartTensors: number[] = [];
  /** The selected backend (after the first fit/validate/test/predict). */
  backend: Backend | undefined;
  /** Epoch-level metrics of the last loop (Lightning's `callback_metrics`). */
  metrics: Record<string, number> = {};
  readonly #device: DeviceKind;
  readonly #registry: Registry;
  readonly #log: (message: string) => void;
  #rng: Rng;
  #loop: LoopState = { epoch: 0, batchesDone: 0, epochComplete: false, globalStep: 0, sums: {}, weight: 0 };
  #stage: Stage = 'fit';
  #shouldStop = false;
  #optimizer: tf.Optimizer | undefined;
  #module: TfTrainingModule<never> | undefined;
  #train: BatchSource<unknown> | undefined;
  #numEval: number | undefined;
  #pendingMicroBatches = 0;
  /** Gradients summed over the current accumulation window. */
  #accum: tf.Tensor[] | undefined;

  constructor(options: TrainerOptions = {}) {
    const int = (v: number | undefined, name: string, min: number, dflt: number): number => {
      const x = v ?? dflt;
      if (!Number.isInteger(x) || x < min)
        throw new ConfigError(
          'ERR_INVALID_OPTION',
          `Trainer: ${name} should be an integer ≥ ${min}, but got ${v}`,
        );
      return x;
    };
    this.maxEpochs = int(options.maxEpochs, 'maxEpochs', 1, 1);
    this.maxSteps = options.maxSteps === undefined ? undefined : int(options.maxSteps, 'maxSteps', 1, 1);
    this.accumulateGradBatches = int(options.accumulateGradBatches, 'accumulateGradBatches', 1, 1);
    this.logEvery = int(options.logEvery, 'logEvery', 1, 50);
    if (options.gradientClipNorm !== undefined && !(options.gradientClipNorm > 0)) {
      throw new ConfigError(
        'ERR_INVALID_OPTION',
        `Trainer: gradientClipNorm should be a positive number, but got ${options.gradientClipNorm}`,
      );
    }
    this.gradientClipNorm = options.gradientClipNorm;
    this.seed = options.seed ?? 0;
    this.#rng = createRng(this.seed);
    this.#device = options.backend ?? 'auto';
    this.#registry = options.registry ?? defaultRegistry;
    this.#log = options.log ?? ((m: string) => void process.stderr.write(`[mirkit] ${m}\n`));
    this.callbacks = [...(options.callbacks ?? [])];
    if ((options.enableProgressBar ?? true) && !this.callbacks.some((c) => c instanceof ProgressBar))
      this.callbacks.push(new ProgressBar());
  }

  get globalStep(): number {
    return this.#loop.globalStep;
  }

  get currentEpoch(): number {
    return this.#loop.epoch;
  }

  get shouldStop(): boolean {
    return this.#shouldStop;
  }

  /** The backend is selected and set up once per trainer. */
  async #ensureBackend(): Promise<void> {
    if (this.backend) {
      await this.backend.setup();
      return;
    }
    const r = this.#registry;
    if (!r.frozen && !r.plugins().some((p) => p.name === TFJS_BACKENDS_PLUGIN) && !r.has('backend', 'wasm'))
      r.use(tfjsBackends());
    const selection = await selectBackend(this.#device, { registry: r });
    if (this.#device === 'auto') this.#log(`backend: ${selection.message}`);
    await selection.backend.setup();
    this.backend = selection.backend;
  }

  async #prepare(module: TfTrainingModule<never>): Promise<void> {
    await this.#ensureBackend();
    if (!setUpModules.has(module)) {
      await module.setup?.({ backend: this.backend!.name, seed: this.seed });
      setUpModules.add(module);
    }
    this.#module = module;
  }

  #context(): FitContext {
    const read = {
      stage: () => this.#stage,
      epoch: () => this.#loop.epoch,
      globalStep: () => this.#loop.globalStep,
      numTrainBatches: () => {
        const n = this.#train?.length;
        return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
      },
      numEvalBatches: () => this.#numEval,
      metrics: () => this.metrics,
      shouldStop: () => this.#shouldStop,
      setShouldStop: (v: boolean) => {
        this.#shouldStop = v;
      },
      learningRate: () => this.#getLr(),
    };
    return {
      get stage() {
        return read.stage();
      },
      get epoch() {
        return read.epoch();
      },
      get globalStep() {
        return read.globalStep();
      },
      maxEpochs: this.maxEpochs,
      get numTrainBatches() {
        return read.numTrainBatches();
      },
      get numEvalBatches() {
        return read.numEvalBatches();
      },
      logEvery: this.logEvery,
      get metrics() {
        return read.metrics();
      },
      get shouldStop() {
        return read.shouldStop();
      },
      set shouldStop(v: boolean) {
        read.setShouldStop(v);
      },
      get learningRate() {
        return read.learningRate();
      },
      setLearningRate: (lr: number) => this.#setLr(lr),
      saveCheckpoint: (path: string) => this.saveCheckpoint(path),
      log: (m: string) => this.#log(m),
    };
  }

  #getLr(): number | undefined {
    const lr = (this.#optimizer as unknown as { learningRate?: unknown } | undefined)?.learningRate;
    return typeof lr === 'number' ? lr : undefined;
  }

  #setLr(lr: number): void {
    if (!(lr >= 0) || !Number.isFinite(lr))
      throw new ConfigError(
        'ERR_INVALID_OPTION',
        `learning rate should be a finite non-negative number, but got ${lr}`,
      );
    const opt = this.#optimizer as unknown as
      { learningRate?: number; setLearningRate?: (lr: number) => void } | undefined;
    if (!opt)
      throw new ConfigError('ERR_INVALID_OPTION', 'setLearningRate() called outside fit(): no optimizer');
    if (typeof opt.setLearningRate === 'function') opt.setLearningRate(lr);
    else opt.learningRate = lr;
  }

  async #hook(name: keyof Callback, ...args: unknown[]): Promise<void> {
    const ctx = this.#context();
    // Checkpoints are written after every other callback has finished its epoch-end work (LR schedulers,
    // early stopping, loggers), so a resumed run starts from the same state an uninterrupted one continues with.
    const order: Callback[] =
      name === 'onTrainEpochEnd'
        ? [
            ...this.callbacks.filter((c) => !(c instanceof ModelCheckpoint)),
            ...this.callbacks.filter((c) => c instanceof ModelCheckpoint),
          ]
        : this.callbacks;
    for (const cb of order) {
      const fn = cb[name] as ((...a: unknown[]) => unknown) | undefined;
      if (typeof fn === 'function') await fn.call(cb, ctx, ...args);
    }
  }

  async #guard<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (this.#accum) tf.dispose(this.#accum);
      this.#accum = undefined;
      this.#pendingMicroBatches = 0;
      const ctx = this.#context();
      for (const cb of this.callbacks) {
        try {
          await cb.onException?.(ctx, error);
        } catch {
          // the original error wins
        }
      }
      throw error;
    }
  }

  #params(): readonly NamedParameter<tf.Variable>[] {
    const params = this.#module!.parameters();
    if (!Array.isArray(params))
      throw new ConfigError(
        'ERR_INVALID_OPTION',
        'TrainingModule.parameters() should return an array of { name, variable, trainable }',
      );
    return params;
  }

  /** Reads a step output's loss and logs back from the device; disposes them. */
  static async #readStep(out: KeptOutput): Promise<StepMetrics> {
    const loss = (await out.loss.data())[0]!;
    const logs: Record<string, number> = {};
    for (const [k, v] of Object.entries(out.logs)) logs[k] = isTensor(v) ? (await v.data())[0]! : v;
    tf.dispose([out.loss, ...Object.values(out.logs).filter(isTensor)]);
    return { loss, logs, batchSize: out.batchSize };
  }

  static #keepOutput(out: StepOutput<tf.Tensor> | undefined, what: string): KeptOutput {
    if (!out || !isTensor(out.loss)) {
      throw new ConfigError(
        'ERR_INVALID_OPTION',
        `${what} should return { loss: tf.Scalar, logs?, batchSize? }, but got ${out === undefined ? 'undefined' : typeof out.loss}`,
      );
    }
    if (out.loss.size !== 1)
      throw new ConfigError(
        'ERR_SHAPE_MISMATCH',
        `${what}: loss should be a scalar, but has shape [${out.loss.shape.join(', ')}]`,
      );
    const logs: Record<string, tf.Tensor | number> = {};
    for (const [k, v] of Object.entries(out.logs ?? {})) logs[k] = isTensor(v) ? tf.keep(tf.clone(v)) : v;
    return { loss: tf.keep(tf.clone(out.loss)), logs, batchSize: out.batchSize ?? 1 };
  }

  /** Trains `module` on `train`, validating on `val` after each epoch. */
  async fit<B>(
    module: TfTrainingModule<B>,
    train: BatchSource<B>,
    val?: BatchSource<B>,
    options: FitOptions = {},
  ): Promise<Record<string, number>> {
    const mod = module as unknown as TfTrainingModule<never>;
    this.#stage = 'fit';
    this.#shouldStop = false;
    this.#train = train as BatchSource<unknown>;
    this.epochStartTensors.length = 0;
    return this.#guard(async () => {
      await this.#prepare(mod);
      this.#optimizer = mod.configureOptimizers();
      if (!(this.#optimizer instanceof tf.Optimizer)) {
        throw new ConfigError(
          'ERR_INVALID_OPTION',
          'configureOptimizers() should return a tf.Optimizer (e.g. tf.train.adam(1e-3))',
        );
      }
      this.#loop = { epoch: 0, batchesDone: 0, epochComplete: false, globalStep: 0, sums: {}, weight: 0 };
      this.#rng = createRng(this.seed);
      this.metrics = {};
      if (options.resumeFrom !== undefined)
        await this.#restore(options.resumeFrom, train as BatchSource<unknown>);
      await this.#hook('onFitStart');
      let epoch = this.#loop.epochComplete ? this.#loop.epoch + 1 : this.#loop.epoch;
      const trainable = this.#params().filter((p) => p.trainable);
      if (trainable.length === 0)
        throw new ConfigError(
          'ERR_INVALID_OPTION',
          'TrainingModule.parameters() lists no trainable parameter (was setup() run?)',
        );
      for (; epoch < this.maxEpochs && !this.#shouldStop; epoch++) {
        if (this.maxSteps !== undefined && this.#loop.globalStep >= this.maxSteps) break;
        const resumingMidEpoch =
          epoch === this.#loop.epoch && !this.#loop.epochComplete && this.#loop.batchesDone > 0;
        const skip = resumingMidEpoch ? this.#loop.batchesDone : 0;
        const sums = new Sums();
        if (resumingMidEpoch) {
          sums.sums = { ...this.#loop.sums };
          sums.weight = this.#loop.weight;
        }
        this.#loop = { ...this.#loop, epoch, batchesDone: skip, epochComplete: false };
        this.epochStartTensors.push(tf.memory().numTensors);
        train.setEpoch?.(epoch);
        await this.#hook('onTrainEpochStart');
        let batchIdx = 0;
        this.#accum = undefined;
        this.#pendingMicroBatches = 0;
        for await (const batch of iterate(train)) {
          if (batchIdx < skip) {
            batchIdx++;
            continue;
          }
          await this.#hook('onTrainBatchStart', batchIdx);
          const stepCtx: StepContext = {
            training: true,
            epoch,
            globalStep: this.#loop.globalStep,
            seed: this.#rng.nextUint32(),
          };
          let kept: KeptOutput | undefined;
          const grads = tf.tidy(() => {
            const tb = toTensors(batch);
            const { value, grads: g } = tf.variableGrads(
              () => {
                kept = Trainer.#keepOutput(
                  mod.trainingStep(tb as never, batchIdx, stepCtx) as StepOutput<tf.Tensor>,
                  'trainingStep',
                );
                return tf.cast(tf.reshape(kept.loss, []), 'float32') as tf.Scalar;
              },
              trainable.map((p) => p.variable),
            );
            value.dispose();
            return trainable.map((p) => {
              const gv = g[p.variable.name];
              if (!gv) throw new ConfigError('ERR_INVALID_OPTION', `No gradient for parameter '${p.name}'`);
              return gv;
            });
          });
          this.#accumulate(grads);
          if (this.#pendingMicroBatches === this.accumulateGradBatches) this.#applyGradients(trainable);
          const metrics = await Trainer.#readStep(kept!);
          sums.add(metrics, 'train_loss');
          batchIdx++;
          this.#loop.batchesDone = batchIdx;
          this.#loop.sums = sums.sums;
          this.#loop.weight = sums.weight;
          await this.#hook('onTrainBatchEnd', metrics, batchIdx - 1);
          if (
            this.maxSteps !== undefined &&
            this.#loop.globalStep >= this.maxSteps &&
            this.#pendingMicroBatches === 0
          )
            break;
        }
        if (this.#accum !== undefined) this.#applyGradients(trainable);
        if (batchIdx === 0)
          throw new DataError(
            'ERR_EMPTY_DATASET',
            `The training loader yielded no batches in epoch ${epoch}`,
          );
        this.metrics = { ...this.metrics, ...sums.means() };
        if (val) await this.#evalLoop(mod, val as BatchSource<unknown>, 'fit');
        this.#loop.epochComplete = true;
        await this.#hook('onTrainEpochEnd');
      }
      await this.#hook('onFitEnd');
      return { ...this.metrics };
    });
  }

  #accumulate(grads: tf.Tensor[]): void {
    const prev = this.#accum;
    this.#accum = prev ? prev.map((a, i) => tf.add(a, grads[i]!)) : grads;
    if (prev) tf.dispose([...prev, ...grads]);
    this.#pendingMicroBatches += 1;
  }

  #applyGradients(trainable: readonly NamedParameter<tf.Variable>[]): void {
    const accum = this.#accum!;
    this.#accum = undefined;
    const n = this.#pendingMicroBatches;
    const clip = this.gradientClipNorm;
    const grads = tf.tidy(() => {
      let g = n > 1 ? accum.map((a) => tf.div(a, n)) : accum.map((a) => tf.clone(a));
      if (clip !== undefined) {
        const norm = tf.sqrt(tf.addN(g.map((x) => tf.sum(tf.square(x)))));
        const scale = tf.minimum(tf.div(clip, tf.add(norm, 1e-6)), 1);
        g = g.map((x) => tf.mul(x, scale));
      }
      return g;
    });
    tf.dispose(accum);
    this.#optimizer!.applyGradients(trainable.map((p, i) => ({ name: p.variable.name, tensor: grads[i]! })));
    tf.dispose(grads);
    this.#pendingMicroBatches = 0;
    this.#loop.globalStep += 1;
  }

  async #evalLoop(
    mod: TfTrainingModule<never>,
    loader: BatchSource<unknown>,
    stage: Stage,
  ): Promise<Record<string, number>> {
    const isTest = stage === 'test';
    const stepFn = isTest ? mod.testStep : mod.validationStep;
    const name = isTest ? 'testStep' : 'validationStep';
    if (typeof stepFn !== 'function')
      throw new ConfigError('ERR_INVALID_OPTION', `The module has no ${name}()`);
    const prevStage = this.#stage;
    this.#stage = stage;
    const n = loader.length;
    this.#numEval = typeof n === 'number' && Number.isFinite(n) ? n : undefined;
    await this.#hook(isTest ? 'onTestEpochStart' : 'onValidationEpochStart');
    const sums = new Sums();
    let batchIdx = 0;
    for await (const batch of iterate(loader)) {
      const ctx: StepContext = {
        training: false,
        epoch: this.#loop.epoch,
        globalStep: this.#loop.globalStep,
        seed: 0,
      };
      const kept = scoped(() =>
        Trainer.#keepOutput(
          stepFn.call(mod, toTensors(batch) as never, batchIdx, ctx) as StepOutput<tf.Tensor>,
          name,
        ),
      );
      const metrics = await Trainer.#readStep(kept);
      sums.add(metrics, isTest ? 'test_loss' : 'val_loss');
      await this.#hook(isTest ? 'onTestBatchEnd' : 'onValidationBatchEnd', metrics, batchIdx);
      batchIdx++;
    }
    if (batchIdx === 0)
      throw new DataError(
        'ERR_EMPTY_DATASET',
        `The ${isTest ? 'test' : 'validation'} loader yielded no batches`,
      );
    const means = sums.means();
    this.metrics = { ...this.metrics, ...means };
    await this.#hook(isTest ? 'onTestEpochEnd' : 'onValidationEpochEnd');
    this.#stage = prevStage;
    this.#numEval = undefined;
    return means;
  }

  /** Runs `validationStep` over `loader`; returns the mean metrics (`val_loss`, logged keys). */
  async validate<B>(module: TfTrainingModule<B>, loader: BatchSource<B>): Promise<Record<string, number>> {
    const mod = module as unknown as TfTrainingModule<never>;
    this.#stage = 'validate';
    return this.#guard(async () => {
      await this.#prepare(mod);
      return this.#evalLoop(mod, loader as BatchSource<unknown>, 'validate');
    });
  }

  /** Runs `testStep` over `loader`; returns the mean metrics (`test_loss`, logged keys). */
  async test<B>(module: TfTrainingModule<B>, loader: BatchSource<B>): Promise<Record<string, number>> {
    const mod = module as unknown as TfTrainingModule<never>;
    this.#stage = 'test';
    return this.#guard(async () => {
      await this.#prepare(mod);
      return this.#evalLoop(mod, loader as BatchSource<unknown>, 'test');
    });
  }

  /** Runs `predictStep` over `loader`; returns each batch's outputs as plain arrays (no tensors escape). */
  async predict<B>(module: TfTrainingModule<B>, loader: BatchSource<B>): Promise<PlainPrediction[]> {
    const mod = module as unknown as TfTrainingModule<never>;
    this.#stage = 'predict';
    return this.#guard(async () => {
      await this.#prepare(mod);
      if (typeof mod.predictStep !== 'function')
        throw new ConfigError('ERR_INVALID_OPTION', 'The module has no predictStep()');
      const n = loader.length;
      this.#numEval = typeof n === 'number' && Number.isFinite(n) ? n : undefined;
      await this.#hook('onPredictEpochStart');
      const outputs: PlainPrediction[] = [];
      let batchIdx = 0;
      for await (const batch of iterate(loader as BatchSource<unknown>)) {
        const ctx: StepContext = {
          training: false,
          epoch: this.#loop.epoch,
          globalStep: this.#loop.globalStep,
          seed: 0,
        };
        const result = scoped((): PlainPrediction => {
          const out = mod.predictStep!(toTensors(batch) as never, batchIdx, ctx) as TfPrediction;
          if (isTensor(out)) return plain(out);
          if (Array.isArray(out)) return out.map(plain);
          if (out && typeof out === 'object')
            return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, plain(v)]));
          throw new ConfigError(
            'ERR_INVALID_OPTION',
            `predictStep should return a tensor, an array or a record of tensors, but got ${typeof out}`,
          );
        });
        outputs.push(result);
        await this.#hook('onPredictBatchEnd', batchIdx);
        batchIdx++;
      }
      await this.#hook('onPredictEpochEnd');
      this.#numEval = undefined;
      return outputs;
    });
  }

  /**
   * Writes a checkpoint: parameters, optimizer slots (+ internal optimizer variables such as Adam's β powers),
   * learning rate, loop position, trainer RNG state, loader epoch/seed, metrics and every callback's state.
   */
  async saveCheckpoint(path: string): Promise<void> {
    if (!this.#module || !this.#optimizer)
      throw new ConfigError(
        'ERR_CHECKPOINT',
        'saveCheckpoint() needs a module and optimizer: call it during fit()',
      );
    if (this.#pendingMicroBatches > 0) {
      throw new ConfigError(
        'ERR_CHECKPOINT',
        `Cannot checkpoint in the middle of a gradient accumulation window (${this.#pendingMicroBatches} of ${this.accumulateGradBatches} batches accumulated)`,
      );
    }
    const params = await Promise.all(this.#params().map((p) => snapshotTensor(p.name, p.variable)));
    const opt: CheckpointTensor[] = [];
    for (const w of await this.#optimizer.getWeights()) {
      opt.push(await snapshotTensor(w.name, w.tensor));
      if (!(w.tensor instanceof tf.Variable)) w.tensor.dispose();
    }
    const extras: CheckpointTensor[] = [];
    for (const [k, v] of Object.entries(this.#optimizer))
      if (v instanceof tf.Variable) extras.push(await snapshotTensor(`@${k}`, v));
    const keys = callbackStateKeys(this.callbacks);
    const callbacks: Record<string, unknown> = {};
    this.callbacks.forEach((cb, i) => {
      if (cb.stateDict) callbacks[keys[i]!] = cb.stateDict();
    });
    await writeCheckpoint(path, {
      params,
      optimizer: [...opt, ...extras],
      optimizerInfo: { className: this.#optimizer.getClassName(), learningRate: this.#getLr() ?? null },
      state: {
        loop: { ...this.#loop },
        rng: this.#rng.state(),
        seed: this.seed,
        loader: {
          epoch: this.#loop.epoch,
          batchesDone: this.#loop.batchesDone,
          seed: typeof this.#train?.seed === 'number' ? this.#train.seed : null,
        },
        metrics: this.metrics,
        callbacks,
        backend: this.backend?.name ?? null,
      },
    });
  }

  async #restore(path: string, train: BatchSource<unknown>): Promise<void> {
    const ckpt = await readCheckpoint(path);
    const params = this.#params();
    if (ckpt.params.length !== params.length) {
      throw new DataError(
        'ERR_CHECKPOINT',
        `Checkpoint '${path}' has ${ckpt.params.length} parameters, the module ${params.length}`,
      );
    }
    params.forEach((p, i) => {
      const t = ckpt.params[i]!;
      if (t.shape.length !== p.variable.shape.length || t.shape.some((d, j) => d !== p.variable.shape[j])) {
        throw new DataError(
          'ERR_CHECKPOINT',
          `Checkpoint '${path}': parameter ${i} ('${t.name}') has shape [${t.shape.join(', ')}], the module's '${p.name}' [${p.variable.shape.join(', ')}]`,
        );
      }
      tf.tidy(() =>
        p.variable.assign(tf.tensor(t.data, t.shape, p.variable.dtype === 'int32' ? 'int32' : t.dtype)),
      );
    });
    const optimizer = this.#optimizer!;
    if (ckpt.optimizerInfo.className !== optimizer.getClassName()) {
      throw new DataError(
        'ERR_CHECKPOINT',
        `Checkpoint '${path}' was written with optimizer ${ckpt.optimizerInfo.className}, but configureOptimizers() returned ${optimizer.getClassName()}`,
      );
    }
    const slots = ckpt.optimizer.filter((t) => !t.name.startsWith('@'));
    if (slots.length > 0) {
      const named = slots.map((t) => ({ name: t.name, tensor: tf.tensor(t.data, t.shape, t.dtype) }));
      await optimizer.setWeights(named);
      tf.dispose(named.map((n) => n.tensor));
    }
    for (const t of ckpt.optimizer.filter((x) => x.name.startsWith('@'))) {
      const v = (optimizer as unknown as Record<string, unknown>)[t.name.slice(1)];
      if (v instanceof tf.Variable) tf.tidy(() => v.assign(tf.tensor(t.data, t.shape, t.dtype)));
    }
    if (ckpt.optimizerInfo.learningRate !== null) this.#setLr(ckpt.optimizerInfo.learningRate);
    const s = ckpt.state as {
      loop: LoopState;
      rng: RngState;
      seed: number;
      loader: { seed: number | null };
      metrics: Record<string, number>;
      callbacks: Record<string, unknown>;
    };
    if (s.seed !== this.seed) {
      throw new ConfigError(
        'ERR_CHECKPOINT',
        `Checkpoint '${path}' was written by a trainer with seed ${s.seed}; this trainer has seed ${this.seed}`,
      );
    }
    if (s.loader.seed !== null && typeof train.seed === 'number' && train.seed !== s.loader.seed) {
      throw new ConfigError(
        'ERR_CHECKPOINT',
        `Checkpoint '${path}' was written with a training loader of seed ${s.loader.seed}; this loader has seed ${train.seed}, so batches would differ`,
      );
    }
    this.#loop = { ...s.loop };
    this.#rng.setState(s.rng);
    this.metrics = { ...s.metrics };
    const keys = callbackStateKeys(this.callbacks);
    this.callbacks.forEach((cb, i) => {
      const st = s.callbacks[keys[i]!];
      if (st !== undefined) cb.loadStateDict?.(st);
    });
    this.#log(
      `resumed from '${path}' at epoch ${this.#loop.epoch}${this.#loop.epochComplete ? ' (complete)' : `, batch ${this.#loop.batchesDone}`}, step ${this.#loop.globalStep}`,
    );
  }
}
