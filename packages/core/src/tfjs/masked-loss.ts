import * as tf from '@tensorflow/tfjs';
import { ConfigError } from '../errors.js';

/** How element losses are reduced. `'mean'` divides by the number of unmasked elements (weights). */
export type LossReduction = 'mean' | 'sum' | 'none';

export interface MaskedLossOptions {
  /** 1 where the element counts, 0 where it is padding; broadcast against the element loss. */
  mask?: tf.Tensor;
  /**
   * Valid length per sequence, `[batch]`: builds the mask for a time axis 1 (`[batch, time, …]`), as padded
   * sequence batches need (the beat-tracking loss masks padded frames this way).
   */
  lengths?: tf.Tensor | ArrayLike<number>;
  reduction?: LossReduction;
}

/** `[batch, maxLen]` float mask with ones on the first `lengths[i]` steps of row `i`. */
export function lengthsToMask(lengths: tf.Tensor | ArrayLike<number>, maxLen: number): tf.Tensor2D {
  return tf.tidy(() => {
    const l =
      lengths instanceof tf.Tensor ? tf.cast(lengths, 'int32') : tf.tensor1d(Array.from(lengths), 'int32');
    const steps = tf.range(0, maxLen, 1, 'int32');
    return tf.cast(tf.less(tf.expandDims(steps, 0), tf.expandDims(l, 1)), 'float32') as tf.Tensor2D;
  });
}

function maskFor(elementLoss: tf.Tensor, options: MaskedLossOptions, name: string): tf.Tensor | undefined {
  let mask: tf.Tensor | undefined = options.mask ? tf.cast(options.mask, 'float32') : undefined;
  if (options.lengths !== undefined) {
    if (elementLoss.rank < 2) {
      throw new ConfigError(
        'ERR_SHAPE_MISMATCH',
        `${name}: 'lengths' needs a [batch, time, …] loss, but the loss has shape [${elementLoss.shape.join(', ')}]`,
      );
    }
    let m: tf.Tensor = lengthsToMask(options.lengths, elementLoss.shape[1]!);
    while (m.rank < elementLoss.rank) m = tf.expandDims(m, -1);
    mask = mask ? tf.mul(mask, m) : m;
  }
  return mask;
}

function reduce(elementLoss: tf.Tensor, options: MaskedLossOptions, name: string): tf.Tensor {
  const reduction = options.reduction ?? 'mean';
  const mask = maskFor(elementLoss, options, name);
  const weighted = mask ? tf.mul(elementLoss, mask) : elementLoss;
  if (reduction === 'none') return weighted;
  const total = tf.sum(weighted);
  if (reduction === 'sum') return total;
  if (reduction !== 'mean')
    throw new ConfigError(
      'ERR_INVALID_OPTION',
      `${name}: reduction should be 'mean', 'sum' or 'none', but got '${String(reduction)}'`,
    );
  // Mean over unmasked elements; an all-masked batch gives 0, not NaN.
  const count = mask ? tf.sum(tf.mul(tf.onesLike(elementLoss), mask)) : tf.scalar(elementLoss.size);
  return tf.div(total, tf.maximum(count, 1e-12));
}

function assertSameShape(a: tf.Tensor, b: tf.Tensor, name: string, what: string): void {
  if (a.shape.length !== b.shape.length || a.shape.some((d, i) => d !== b.shape[i])) {
    throw new ConfigError(
      'ERR_SHAPE_MISMATCH',
      `${name}: ${what} shapes differ: [${a.shape.join(', ')}] vs [${b.shape.join(', ')}]`,
    );
  }
}

/**
 * Binary cross-entropy on logits (torch `BCEWithLogitsLoss`), numerically stable:
 * `max(x, 0) − x·y + log(1 + exp(−|x|))`, optional `posWeight` on the positive term, then masked reduction.
 */
export function bceWithLogits(
  logits: tf.Tensor,
  targets: tf.Tensor,
  options: MaskedLossOptions & { posWeight?: number | tf.Tensor } = {},
): tf.Tensor {
  assertSameShape(logits, targets, 'bceWithLogits', 'logits and targets');
  return tf.tidy(() => {
    const x = tf.cast(logits, 'float32');
    const y = tf.cast(targets, 'float32');
    const softplusNeg = tf.log1p(tf.exp(tf.neg(tf.abs(x)))); // log(1 + e^{−|x|})
    let loss: tf.Tensor;
    if (options.posWeight === undefined) {
      loss = tf.add(tf.sub(tf.relu(x), tf.mul(x, y)), softplusNeg);
    } else {
      // torch: (1 − y)·x + (1 + (pw − 1)·y)·log(1 + e^{−x})
      const lw = tf.add(1, tf.mul(tf.sub(options.posWeight, 1), y));
      const logSigNeg = tf.add(softplusNeg, tf.relu(tf.neg(x))); // log(1 + e^{−x})
      loss = tf.add(tf.mul(tf.sub(1, y), x), tf.mul(lw, logSigNeg));
    }
    return reduce(loss, options, 'bceWithLogits');
  });
}

/**
 * Softmax cross-entropy (torch `CrossEntropyLoss`) over the last axis of `logits [..., C]`. `targets` are class
 * indices `[...]` (int) or probabilities `[..., C]`; `ignoreIndex` masks index targets equal to it.
 */
export function crossEntropy(
  logits: tf.Tensor,
  targets: tf.Tensor,
  options: MaskedLossOptions & { ignoreIndex?: number; labelSmoothing?: number } = {},
): tf.Tensor {
  return tf.tidy(() => {
    const c = logits.shape[logits.rank - 1]!;
    const logp = tf.logSoftmax(tf.cast(logits, 'float32'));
    let probs: tf.Tensor;
    let extraMask: tf.Tensor | undefined;
    if (targets.rank === logits.rank) {
      assertSameShape(logits, targets, 'crossEntropy', 'logits and probability targets');
      probs = tf.cast(targets, 'float32');
    } else {
      if (targets.rank !== logits.rank - 1 || targets.shape.some((d, i) => d !== logits.shape[i])) {
        throw new ConfigError(
          'ERR_SHAPE_MISMATCH',
          `crossEntropy: index targets should have shape [${logits.shape.slice(0, -1).join(', ')}], but got [${targets.shape.join(', ')}]`,
        );
      }
      const idx = tf.cast(targets, 'int32');
      if (options.ignoreIndex !== undefined)
        extraMask = tf.cast(tf.notEqual(idx, options.ignoreIndex), 'float32');
      probs = tf.oneHot(tf.maximum(idx, tf.scalar(0, 'int32')), c);
    }
    const ls = options.labelSmoothing ?? 0;
    if (ls > 0) probs = tf.add(tf.mul(probs, 1 - ls), ls / c);
    const loss = tf.neg(tf.sum(tf.mul(probs, logp), -1));
    const mask =
      extraMask && options.mask
        ? tf.mul(extraMask, tf.cast(options.mask, 'float32'))
        : (extraMask ?? options.mask);
    return reduce(loss, { ...options, ...(mask ? { mask } : {}) }, 'crossEntropy');
  });
}

/** Mean squared error with masks/lengths (torch `MSELoss`). */
export function mse(predictions: tf.Tensor, targets: tf.Tensor, options: MaskedLossOptions = {}): tf.Tensor {
  assertSameShape(predictions, targets, 'mse', 'predictions and targets');
  return tf.tidy(() =>
    reduce(
      tf.squaredDifference(tf.cast(predictions, 'float32'), tf.cast(targets, 'float32')),
      options,
      'mse',
    ),
  );
}
