import type * as tf from '@tensorflow/tfjs';
import type { NamedParameter, TrainingModule } from '../train/training-module.js';
import type { TensorBatch } from './to-tensors.js';

/** What a tfjs step may return from `predictStep`. */
export type TfPrediction = tf.Tensor | tf.Tensor[] | Record<string, tf.Tensor>;

/**
 * A {@link TrainingModule} on tfjs: batches arrive as tensors (converted from the loader's plain arrays on the
 * selected backend), steps return a scalar loss tensor, parameters are `tf.Variable`s and the optimizer is a
 * `tf.Optimizer`. Step functions run inside `tf.tidy`: intermediate tensors need no manual disposal.
 */
export type TfTrainingModule<B = Record<string, unknown>> = TrainingModule<
  TensorBatch<B>,
  tf.Scalar | tf.Tensor,
  tf.Variable,
  tf.Optimizer,
  TfPrediction
>;

/** Parameters of a tfjs LayersModel in a stable order (`model.weights`), trainable and non-trainable. */
export function layersModelParameters(model: tf.LayersModel): NamedParameter<tf.Variable>[] {
  return model.weights.map((w) => {
    const variable = (w as unknown as { read(): tf.Variable }).read();
    return { name: w.originalName, variable, trainable: w.trainable };
  });
}
