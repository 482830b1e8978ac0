import * as tf from '@tensorflow/tfjs';
import { ConfigError } from '../../errors.js';

export type RecurrentActivation = 'sigmoid' | 'hardSigmoid';

export interface FusedLstmOptions {
  /** Return the whole sequence `[B, T, H]` (default) or the last step `[B, H]`. */
  returnSequences?: boolean;
  /** Gate activation: `'sigmoid'` (PyTorch's, default) or `'hardSigmoid'` (tfjs' LSTM default). */
  recurrentActivation?: RecurrentActivation;
}

/** `a [rows, inner] · u` on the backend, read back. */
function stepMatMul(a: Float32Array, rows: number, inner: number, u: tf.Tensor2D): Float32Array {
  const out = tf.tidy(() => tf.matMul(tf.tensor2d(a, [rows, inner]), u));
  const values = out.dataSync() as Float32Array;
  out.dispose();
  return values;
}

/**
 * One LSTM layer over a whole sequence as a single differentiable op (`tf.customGrad`), replacing tfjs' unrolled
 * LSTM (≈50 kernel calls per time step forward and backward, so per-op dispatch dominates on wasm).
 *
 * - Input projections of every step are one matmul `X·W + b` (`[B·T, I] × [I, 4H]`) on the backend.
 * - Per step, `h_{t−1}·U` for the whole batch is one backend matmul; gates and cell update run in JavaScript over
 *   typed arrays, keeping the gates for backpropagation through time (≈3 kernel calls per step instead of ≈50).
 * - The backward pass walks the steps once (gate gradients in JS, `dz_t·Uᵀ` as one matmul per step), then `dX`,
 *   `dW`, `dU`, `db` are four backend matmuls/sums over all steps.
 *
 * Same math and weight layout as `tf.layers.lstm` (gate order i, f, c, o; `kernel [I, 4H]`,
 * `recurrentKernel [H, 4H]`, `bias [4H]`; activation tanh; zero initial state).
 */
export function fusedLstm(
  x: tf.Tensor3D,
  kernel: tf.Tensor2D,
  recurrentKernel: tf.Tensor2D,
  bias: tf.Tensor1D,
  options: FusedLstmOptions = {},
): tf.Tensor {
  const [B, T, I] = x.shape;
  const H = recurrentKernel.shape[0];
  const G = 4 * H;
  if (
    kernel.shape[0] !== I ||
    kernel.shape[1] !== G ||
    recurrentKernel.shape[1] !== G ||
    bias.shape[0] !== G
  ) {
    throw new ConfigError(
      'ERR_SHAPE_MISMATCH',
      `fusedLstm: shapes do not fit: x [${x.shape.join(', ')}], kernel [${kernel.shape.join(', ')}], recurrentKernel [${recurrentKernel.shape.join(', ')}], bias [${bias.shape.join(', ')}]`,
    );
  }
  const returnSequences = options.returnSequences ?? true;
  const hard = (options.recurrentActivation ?? 'sigmoid') === 'hardSigmoid';
  const act = hard
    ? (z: number) => Math.min(1, Math.max(0, 0.2 * z + 0.5))
    : (z: number) => 1 / (1 + Math.exp(-z));

  const op = tf.customGrad((...args: (tf.Tensor | ((s: tf.Tensor[]) => void))[]) => {
    const [xt, w, u, b] = args as [tf.Tensor3D, tf.Tensor2D, tf.Tensor2D, tf.Tensor1D];
    // Keep the input and kernel alive for the backward pass (intermediate tensors are freed after the forward tidy).
    (args[4] as (saved: tf.Tensor[]) => void)([xt, w, u]);
    const xw = tf.tidy(() => tf.add(tf.matMul(tf.reshape(xt, [B * T, I]), w), b));
    const zAll = xw.dataSync() as Float32Array; // [B, T, 4H], pre-activation input part
    xw.dispose();
    const gates = new Float32Array(B * T * G); // post-activation i, f, g, o
    const cs = new Float32Array(B * T * H);
    const hs = new Float32Array(B * T * H);
    const h = new Float32Array(B * H);
    for (let t = 0; t < T; t++) {
      // h_{t-1}·U for the whole batch: one small backend matmul per step (XNNPACK on wasm).
      const rec = t > 0 ? stepMatMul(h, B, H, u) : undefined;
      for (let bi = 0; bi < B; bi++) {
        const row = (bi * T + t) * G;
        const hc = (bi * T + t) * H;
        for (let k = 0; k < H; k++) {
          const r = rec ? bi * G : 0;
          const ig = act(zAll[row + k]! + (rec ? rec[r + k]! : 0));
          const fg = act(zAll[row + H + k]! + (rec ? rec[r + H + k]! : 0));
          const gg = Math.tanh(zAll[row + 2 * H + k]! + (rec ? rec[r + 2 * H + k]! : 0));
          const og = act(zAll[row + 3 * H + k]! + (rec ? rec[r + 3 * H + k]! : 0));
          gates[row + k] = ig;
          gates[row + H + k] = fg;
          gates[row + 2 * H + k] = gg;
          gates[row + 3 * H + k] = og;
          const c = fg * (t > 0 ? cs[hc - H + k]! : 0) + ig * gg;
          cs[hc + k] = c;
          const hv = og * Math.tanh(c);
          hs[hc + k] = hv;
          h[bi * H + k] = hv;
        }
      }
    }
    let value: tf.Tensor;
    if (returnSequences) value = tf.tensor3d(hs, [B, T, H]);
    else {
      const last = new Float32Array(B * H);
      for (let bi = 0; bi < B; bi++) last.set(hs.subarray((bi * T + T - 1) * H, (bi * T + T) * H), bi * H);
      value = tf.tensor2d(last, [B, H]);
    }
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
      const [xs, ws, us] = saved as [tf.Tensor3D, tf.Tensor2D, tf.Tensor2D];
      // Explicit transposes: tfjs-wasm's BatchMatMul is several times slower with transposeA/transposeB set.
      const uT = tf.transpose(us);
      const dyv = dy.dataSync() as Float32Array;
      const dz = new Float32Array(B * T * G);
      const dzt = new Float32Array(B * G);
      const dh = new Float64Array(B * H);
      const dc = new Float64Array(B * H);
      for (let t = T - 1; t >= 0; t--) {
        for (let bi = 0; bi < B; bi++) {
          const row = (bi * T + t) * G;
          const hc = (bi * T + t) * H;
          const o = bi * H;
          if (returnSequences) for (let k = 0; k < H; k++) dh[o + k]! += dyv[hc + k]!;
          else if (t === T - 1) for (let k = 0; k < H; k++) dh[o + k]! += dyv[bi * H + k]!;
          for (let k = 0; k < H; k++) {
            const ig = gates[row + k]!;
            const fg = gates[row + H + k]!;
            const gg = gates[row + 2 * H + k]!;
            const og = gates[row + 3 * H + k]!;
            const tc = Math.tanh(cs[hc + k]!);
            const dhk = dh[o + k]!;
            const dck = dc[o + k]! + dhk * og * (1 - tc * tc);
            const cPrev = t > 0 ? cs[hc - H + k]! : 0;
            const di = dck * gg;
            const df = dck * cPrev;
            const dg = dck * ig;
            const dO = dhk * tc;
            const zi = hard ? (ig > 0 && ig < 1 ? 0.2 * di : 0) : di * ig * (1 - ig);
            const zf = hard ? (fg > 0 && fg < 1 ? 0.2 * df : 0) : df * fg * (1 - fg);
            const zg = dg * (1 - gg * gg);
            const zo = hard ? (og > 0 && og < 1 ? 0.2 * dO : 0) : dO * og * (1 - og);
            dz[row + k] = zi;
            dz[row + H + k] = zf;
            dz[row + 2 * H + k] = zg;
            dz[row + 3 * H + k] = zo;
            const r = bi * G;
            dzt[r + k] = zi;
            dzt[r + H + k] = zf;
            dzt[r + 2 * H + k] = zg;
            dzt[r + 3 * H + k] = zo;
            dc[o + k] = dck * fg;
          }
        }
        // dh_{t-1} = dz_t · Uᵀ for the whole batch.
        if (t > 0) dh.set(stepMatMul(dzt, B, G, uT));
      }
      const grads = tf.tidy(() => {
        const dZ = tf.tensor2d(dz, [B * T, G]);
        const X2t = tf.transpose(tf.reshape(xs, [B * T, I]));
        // h_{t-1} for every step (zeros at t = 0), to form dU = Σ_t h_{t-1}ᵀ dz_t as one matmul.
        const hPrev = new Float32Array(B * T * H);
        for (let bi = 0; bi < B; bi++)
          hPrev.set(hs.subarray(bi * T * H, (bi * T + T - 1) * H), (bi * T + 1) * H);
        const dX = tf.reshape(tf.matMul(dZ, tf.transpose(ws)), [B, T, I]);
        const dW = tf.matMul(X2t, dZ);
        const dU = tf.matMul(tf.transpose(tf.tensor2d(hPrev, [B * T, H])), dZ);
        const db = tf.sum(dZ, 0);
        return [dX, dW, dU, db];
      });
      uT.dispose();
      return grads;
    };
    return { value, gradFunc };
  });
  return op(x, kernel, recurrentKernel, bias);
}
