import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../random/rng.js';
import { fusedLstmLayer } from './fused-lstm-layer.js';

function pairOfModels(
  returnSequences: boolean,
  recurrentActivation: 'sigmoid' | 'hardSigmoid',
  seed: number,
) {
  const ref = tf.sequential({
    layers: [
      tf.layers.lstm({
        inputShape: [7, 3],
        units: 5,
        returnSequences,
        recurrentActivation,
        kernelInitializer: tf.initializers.glorotUniform({ seed }),
        recurrentInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }),
        biasInitializer: tf.initializers.randomNormal({ seed: seed + 2 }),
      }),
    ],
  });
  const fused = tf.sequential({
    layers: [fusedLstmLayer({ inputShape: [7, 3], units: 5, returnSequences, recurrentActivation })],
  });
  fused.setWeights(ref.getWeights());
  return { ref, fused };
}

function maxRel(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  let m = 0;
  for (let i = 0; i < b.length; i++) {
    d = Math.max(d, Math.abs(a[i]! - b[i]!));
    m = Math.max(m, Math.abs(b[i]!));
  }
  return d / Math.max(m, 1e-12);
}

describe('fused LSTM equals tf.layers.lstm (outputs and gradients of inputs and weights)', () => {
  for (const backend of ['cpu', 'wasm']) {
    for (const returnSequences of [true, false]) {
      for (const act of ['sigmoid', 'hardSigmoid'] as const) {
        it(`${backend}, returnSequences ${returnSequences}, ${act}`, async () => {
          await tf.setBackend(backend);
          const { ref, fused } = pairOfModels(returnSequences, act, returnSequences ? 3 : 9);
          const rng = createRng(4);
          const xv = Float32Array.from({ length: 4 * 7 * 3 }, () => rng.next() * 4 - 2);
          const x = tf.tensor3d(xv, [4, 7, 3]);
          const grads = (m: tf.LayersModel) =>
            tf.tidy(() => {
              const f = (xin: tf.Tensor) => tf.sum(tf.square(tf.sub(m.apply(xin) as tf.Tensor, 0.3)));
              const { grads: gw } = tf.variableGrads(
                () => f(x) as tf.Scalar,
                m.trainableWeights.map((w) => w.read() as tf.Variable),
              );
              const gx = tf.grad(f)(x);
              return [
                m.predict(x) as tf.Tensor,
                gx,
                ...m.trainableWeights.map((w) => gw[(w.read() as tf.Variable).name]!),
              ].map((t) => Array.from(t.dataSync()));
            });
          const a = grads(fused);
          const b = grads(ref);
          a.forEach((v, i) => expect(maxRel(v, b[i]!), `output ${i}`).toBeLessThan(1e-4));
          tf.dispose(x);
          ref.dispose();
          fused.dispose();
        });
      }
    }
  }
});
