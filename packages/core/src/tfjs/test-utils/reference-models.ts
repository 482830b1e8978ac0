import * as tf from '@tensorflow/tfjs';
import { fusedLstmLayer } from '../layers/fused-lstm-layer.js';
import { crossEntropy } from '../masked-loss.js';
import { layersModelParameters, type TfTrainingModule } from '../tf-training-module.js';

export interface ClassifierBatch {
  features: unknown;
  label: unknown;
}

const init = (seed: number) => tf.initializers.glorotUniform({ seed });

/**
 * toolchain.md §4.5 "Conv2D" reference model, scalable: Conv2D(f0)+BN+Pool+Conv2D(f1)+Pool+Conv2D(f2)+GAP+Dropout+Dense.
 * Defaults are the reference sizes (16/32/64 on 128×64×1, 10 classes).
 */
export function conv2dModel(
  o: {
    inputShape?: [number, number, number];
    filters?: [number, number, number];
    classes?: number;
    seed?: number;
    dropout?: number;
  } = {},
): tf.LayersModel {
  const [f0, f1, f2] = o.filters ?? [16, 32, 64];
  const seed = o.seed ?? 1;
  const m = tf.sequential();
  m.add(
    tf.layers.conv2d({
      inputShape: o.inputShape ?? [128, 64, 1],
      filters: f0,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: init(seed),
    }),
  );
  m.add(tf.layers.batchNormalization({ momentum: 0.9, epsilon: 1e-5 }));
  m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  m.add(
    tf.layers.conv2d({
      filters: f1,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: init(seed + 1),
    }),
  );
  m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  m.add(
    tf.layers.conv2d({
      filters: f2,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: init(seed + 2),
    }),
  );
  m.add(tf.layers.globalAveragePooling2d({}));
  if ((o.dropout ?? 0.3) > 0) m.add(tf.layers.dropout({ rate: o.dropout ?? 0.3 }));
  m.add(tf.layers.dense({ units: o.classes ?? 10, kernelInitializer: init(seed + 3) }));
  return m;
}

/**
 * toolchain.md §4.5 "Conv1D+LSTM" reference model, scalable: Conv1D(c, k5)+MaxPool(4)+LSTM(u, sequences)+LSTM(u)+Dense.
 * Defaults are the reference sizes (32, 64, 64 on 500×16, 10 classes). `sigmoid` recurrent activation (PyTorch's).
 */
export function crnnModel(
  o: {
    inputShape?: [number, number];
    conv?: number;
    units?: number;
    pool?: number;
    classes?: number;
    seed?: number;
    fused?: boolean;
  } = {},
): tf.LayersModel {
  const seed = o.seed ?? 1;
  const units = o.units ?? 64;
  const m = tf.sequential();
  m.add(
    tf.layers.conv1d({
      inputShape: o.inputShape ?? [500, 16],
      filters: o.conv ?? 32,
      kernelSize: 5,
      activation: 'relu',
      kernelInitializer: init(seed),
    }),
  );
  m.add(tf.layers.maxPooling1d({ poolSize: o.pool ?? 4 }));
  const lstm = (returnSequences: boolean, s: number) => {
    const args = {
      units,
      returnSequences,
      recurrentActivation: 'sigmoid' as const,
      kernelInitializer: init(s),
      recurrentInitializer: tf.initializers.orthogonal({ seed: s + 1 }),
    };
    return o.fused ? fusedLstmLayer(args) : tf.layers.lstm(args);
  };
  m.add(lstm(true, seed + 1));
  m.add(lstm(false, seed + 3));
  m.add(tf.layers.dense({ units: o.classes ?? 10, kernelInitializer: init(seed + 5) }));
  return m;
}

/** A classifier TrainingModule over a LayersModel factory: cross-entropy on `label`, Adam, accuracy log. */
export function classifierModule(
  build: () => tf.LayersModel,
  lr = 1e-3,
): TfTrainingModule<ClassifierBatch> & { model: () => tf.LayersModel } {
  let model: tf.LayersModel | undefined;
  const step = (batch: Record<string, unknown>, training: boolean) => {
    const x = batch.features as tf.Tensor;
    const y = batch.label as tf.Tensor;
    const logits = model!.apply(x, { training }) as tf.Tensor;
    const loss = crossEntropy(logits, y);
    const acc = tf.mean(tf.cast(tf.equal(tf.argMax(logits, -1), tf.cast(y, 'int32')), 'float32'));
    return { loss, logs: { [training ? 'train_acc' : 'val_acc']: acc }, batchSize: x.shape[0]! };
  };
  return {
    model: () => model!,
    setup() {
      model = build();
    },
    parameters: () => layersModelParameters(model!),
    trainingStep: (b) => step(b as Record<string, unknown>, true),
    validationStep: (b) => step(b as Record<string, unknown>, false),
    testStep: (b) => step(b as Record<string, unknown>, false),
    predictStep: (b) =>
      tf.softmax(
        model!.apply((b as Record<string, unknown>).features as tf.Tensor, { training: false }) as tf.Tensor,
      ),
    configureOptimizers: () => tf.train.adam(lr),
  };
}
