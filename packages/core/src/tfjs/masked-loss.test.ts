import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { bceWithLogits, crossEntropy, lengthsToMask, mse } from './masked-loss.js';

const sig = (x: number) => 1 / (1 + Math.exp(-x));
const bce = (x: number, y: number, pw = 1) => -(pw * y * Math.log(sig(x)) + (1 - y) * Math.log(1 - sig(x)));

describe('masked losses', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('lengthsToMask marks the first lengths[i] steps', () => {
    expect(lengthsToMask([2, 0, 3], 3).arraySync()).toEqual([
      [1, 1, 0],
      [0, 0, 0],
      [1, 1, 1],
    ]);
  });

  it('bceWithLogits equals the definition, masks padded frames by lengths, and supports posWeight', () => {
    const x = [
      [2, -1, 30],
      [-0.5, 0.3, -40],
    ];
    const y = [
      [1, 0, 1],
      [0, 1, 0],
    ];
    const lengths = [2, 3];
    const masked = bceWithLogits(tf.tensor2d(x), tf.tensor2d(y), { lengths }).dataSync()[0]!;
    const terms = [bce(2, 1), bce(-1, 0), bce(-0.5, 0), bce(0.3, 1), bce(-40, 0)];
    expect(masked).toBeCloseTo(terms.reduce((s, v) => s + v) / 5, 6);
    const sum = bceWithLogits(tf.tensor2d(x), tf.tensor2d(y), {
      reduction: 'sum',
      mask: tf.tensor2d([
        [1, 0, 0],
        [0, 0, 0],
      ]),
    }).dataSync()[0]!;
    expect(sum).toBeCloseTo(bce(2, 1), 6);
    const pw = bceWithLogits(tf.tensor1d([0.7, -0.2]), tf.tensor1d([1, 0]), { posWeight: 3 }).dataSync()[0]!;
    expect(pw).toBeCloseTo((bce(0.7, 1, 3) + bce(-0.2, 0, 3)) / 2, 6);
    const none = bceWithLogits(tf.tensor1d([1000, -1000]), tf.tensor1d([1, 0]), {
      reduction: 'none',
    }).dataSync();
    expect(Array.from(none)).toEqual([0, 0]); // stable for large logits
  });

  it('crossEntropy over the last axis with ignoreIndex, lengths and probability targets', () => {
    const logits = tf.tensor3d([
      [
        [1, 2, 0.5],
        [0, 0, 0],
      ],
      [
        [3, -1, 0],
        [0.2, 0.1, 0.4],
      ],
    ]);
    const logSoftmax = (r: number[]) => {
      const m = Math.log(r.reduce((s, v) => s + Math.exp(v), 0));
      return r.map((v) => v - m);
    };
    const l = (r: number[], c: number) => -logSoftmax(r)[c]!;
    const ignore = crossEntropy(
      logits,
      tf.tensor2d(
        [
          [1, -100],
          [0, 2],
        ],
        undefined,
        'int32',
      ),
      { ignoreIndex: -100 },
    ).dataSync()[0]!;
    expect(ignore).toBeCloseTo((l([1, 2, 0.5], 1) + l([3, -1, 0], 0) + l([0.2, 0.1, 0.4], 2)) / 3, 6);
    const byLen = crossEntropy(
      logits,
      tf.tensor2d(
        [
          [1, 0],
          [0, 2],
        ],
        undefined,
        'int32',
      ),
      { lengths: [1, 2] },
    ).dataSync()[0]!;
    expect(byLen).toBeCloseTo(ignore, 6);
    const soft = crossEntropy(tf.tensor2d([[1, 2, 0.5]]), tf.tensor2d([[0.5, 0.5, 0]])).dataSync()[0]!;
    expect(soft).toBeCloseTo(0.5 * l([1, 2, 0.5], 0) + 0.5 * l([1, 2, 0.5], 1), 6);
    expect(() => crossEntropy(logits, tf.tensor1d([1, 2], 'int32'))).toThrow(
      /index targets should have shape \[2, 2\]/,
    );
  });

  it('mse masks and an all-masked batch gives 0, not NaN', () => {
    const p = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    const t = tf.tensor2d([
      [0, 2],
      [3, 0],
    ]);
    expect(mse(p, t).dataSync()[0]).toBeCloseTo(17 / 4, 6);
    expect(
      mse(p, t, {
        mask: tf.tensor2d([
          [1, 1],
          [1, 0],
        ]),
      }).dataSync()[0],
    ).toBeCloseTo(1 / 3, 6);
    expect(mse(p, t, { mask: tf.zeros([2, 2]) }).dataSync()[0]).toBe(0);
    expect(() => mse(p, tf.zeros([2]))).toThrow(/shapes differ/);
  });
});
