import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../random/rng.js';
import { registerTrainingKernels } from './register-training-kernels.js';
import { dilateFilter } from './dilated-conv-gradients.js';

type Shape4 = [number, number, number, number];
type Pad = 'same' | 'valid';

function randn(rng: Rng, size: number): Float32Array {
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = rng.next() * 2 - 1;
  return out;
}

/** Runs `fn` on a backend with fresh tensors built from plain arrays; returns plain arrays. */
async function on(backend: string, fn: () => tf.Tensor | tf.Tensor[]): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const out = tf.tidy(() => {
    const r = fn();
    return Array.isArray(r) ? r : [r];
  });
  const values = out.map((t) => t.dataSync() as Float32Array);
  const shapes = out.map((t) => t.shape.join('x'));
  tf.dispose(out);
  return values.map((v, i) => Object.assign(Float32Array.from(v), { shape: shapes[i] }));
}

function expectClose(actual: Float32Array, expected: Float32Array, label: string): void {
  expect(actual.length, `${label}: size`).toBe(expected.length);
  let maxAbs = 0;
  let maxDiff = 0;
  for (let i = 0; i < expected.length; i++) {
    maxAbs = Math.max(maxAbs, Math.abs(expected[i]!));
    maxDiff = Math.max(maxDiff, Math.abs(actual[i]! - expected[i]!));
  }
  expect(
    maxDiff / Math.max(maxAbs, 1e-12),
    `${label}: max|Δ| ${maxDiff} vs max|ref| ${maxAbs}`,
  ).toBeLessThanOrEqual(1e-4);
}

interface Case {
  x: Shape4;
  k: [number, number];
  stride: number;
  dilation: number;
  pad: Pad;
  mult: number;
  cout: number;
}

function cases(seed: number): Case[] {
  const rng = createRng(seed);
  const out: Case[] = [];
  for (const stride of [1, 2]) {
    for (const dilation of [1, 2]) {
      if (stride > 1 && dilation > 1) continue; // tfjs' conv ops reject both at once
      for (const pad of ['same', 'valid'] as const) {
        out.push({
          x: [1 + rng.int(3), 5 + rng.int(5), 4 + rng.int(6), 1 + rng.int(3)],
          k: [1 + rng.int(3), 1 + rng.int(3)],
          stride,
          dilation,
          pad,
          mult: 1 + rng.int(2),
          cout: 1 + rng.int(4),
        });
      }
    }
  }
  return out;
}

const name = (c: Case) => `x=${c.x.join('x')} k=${c.k.join('x')} s=${c.stride} d=${c.dilation} ${c.pad}`;

describe('wasm training kernels equal the cpu backend', () => {
  beforeAll(async () => {
    await tf.setBackend('wasm');
    registerTrainingKernels('wasm');
  });

  it('registers the three missing kernels for wasm', () => {
    for (const k of [
      'Conv2DBackpropFilter',
      'DepthwiseConv2dNativeBackpropFilter',
      'DepthwiseConv2dNativeBackpropInput',
    ]) {
      expect(tf.getKernel(k, 'wasm'), k).toBeDefined();
    }
    expect(registerTrainingKernels('wasm')).toEqual([]);
    expect(tf.getKernel('Conv2DBackpropInput', 'wasm')).toBeDefined();
  });

  for (const c of cases(11)) {
    it(`conv2d gradients (dx, dW) ${name(c)}`, async () => {
      const rng = createRng(c.x.reduce((a, b) => a * 31 + b, c.stride * 7 + c.dilation));
      const [n, h, w, ci] = c.x;
      const fShape: Shape4 = [c.k[0], c.k[1], ci, c.cout];
      const xv = randn(rng, n * h * w * ci);
      const fv = randn(
        rng,
        fShape.reduce((a, b) => a * b),
      );
      const grad = () => {
        const x = tf.tensor4d(xv, c.x);
        const f = tf.tensor4d(fv, fShape);
        const g = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
          tf.sum(
            tf.square(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.stride, c.pad, 'NHWC', c.dilation)),
          ),
        );
        return g([x, f]);
      };
      const ref = await on('cpu', grad);
      const got = await on('wasm', grad);
      expectClose(got[0]!, ref[0]!, 'dx');
      expectClose(got[1]!, ref[1]!, 'dW');
    });

    it(`depthwise gradients (dx, dW) ${name(c)}`, async () => {
      const rng = createRng(c.x.reduce((a, b) => a * 17 + b, c.stride * 5 + c.dilation));
      const [n, h, w, ch] = c.x;
      const fShape: Shape4 = [c.k[0], c.k[1], ch, c.mult];
      const xv = randn(rng, n * h * w * ch);
      const fv = randn(
        rng,
        fShape.reduce((a, b) => a * b),
      );
      const grad = () => {
        const x = tf.tensor4d(xv, c.x);
        const f = tf.tensor4d(fv, fShape);
        const g = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
          tf.sum(
            tf.square(
              tf.depthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.stride, c.pad, 'NHWC', c.dilation),
            ),
          ),
        );
        return g([x, f]);
      };
      const ref = await on('cpu', grad);
      const got = await on('wasm', grad);
      expectClose(got[0]!, ref[0]!, 'dx');
      expectClose(got[1]!, ref[1]!, 'dW');
    });
  }

  for (const c of cases(12)) {
    it(`kernels called directly ${name(c)}`, async () => {
      const rng = createRng(c.x.reduce((a, b) => a * 13 + b, c.stride * 3 + c.dilation));
      const [n, h, w, ch] = c.x;
      const x = randn(rng, n * h * w * ch);
      const fShape: Shape4 = [c.k[0], c.k[1], ch, c.mult];
      const filt = randn(
        rng,
        fShape.reduce((a, b) => a * b),
      );
      const info = tf.backend_util.computeConv2DInfo(
        c.x,
        fShape,
        c.stride,
        c.dilation,
        c.pad,
        undefined,
        true,
      );
      const dy = randn(
        rng,
        info.outShape.reduce((a, b) => a * b),
      );
      // The cpu kernels ignore the `dilations` attribute, so the cpu reference for dilation d runs with the
      // zero-stuffed filter (dilation 1); wasm runs the dilated attribute directly.
      const dAttrs = { strides: c.stride, dilations: c.dilation, pad: c.pad };
      const run = (backend: string) => () => {
        const xt = tf.tensor4d(x, c.x);
        const ft = tf.tensor4d(filt, fShape);
        const dyt = tf.tensor4d(dy, info.outShape);
        const dilated = backend === 'cpu' && c.dilation > 1;
        const fEff = dilated ? dilateFilter(ft, [c.dilation, c.dilation]) : ft;
        const attrs = dilated ? { ...dAttrs, dilations: 1 } : dAttrs;
        const dx = tf.engine().runKernel('DepthwiseConv2dNativeBackpropInput', { dy: dyt, filter: fEff }, {
          ...attrs,
          inputShape: c.x,
        } as never) as tf.Tensor;
        let dw = tf.engine().runKernel('DepthwiseConv2dNativeBackpropFilter', { x: xt, dy: dyt }, {
          ...attrs,
          filterShape: fEff.shape,
        } as never) as tf.Tensor4D;
        if (dilated)
          dw = tf.stridedSlice(dw, [0, 0, 0, 0], dw.shape, [c.dilation, c.dilation, 1, 1]) as tf.Tensor4D;
        const cShape: Shape4 = [c.k[0], c.k[1], ch, c.cout];
        const cInfo = tf.backend_util.computeConv2DInfo(c.x, cShape, c.stride, 1, c.pad);
        const cdy = tf.tensor4d(
          randn(
            createRng(cInfo.outShape.reduce((a, b) => a + b)),
            cInfo.outShape.reduce((a, b) => a * b),
          ),
          cInfo.outShape,
        );
        const cdw = tf.engine().runKernel('Conv2DBackpropFilter', { x: xt, dy: cdy }, {
          strides: c.stride,
          pad: c.pad,
          dataFormat: 'NHWC',
          filterShape: cShape,
        } as never) as tf.Tensor;
        const cdx = tf.engine().runKernel(
          'Conv2DBackpropInput',
          {
            dy: cdy,
            filter: tf.tensor4d(
              randn(
                createRng(7),
                cShape.reduce((a, b) => a * b),
              ),
              cShape,
            ),
          },
          { strides: c.stride, pad: c.pad, dataFormat: 'NHWC', inputShape: c.x } as never,
        ) as tf.Tensor;
        return [dx, dw, cdw, cdx];
      };
      const ref = await on('cpu', run('cpu'));
      const got = await on('wasm', run('wasm'));
      for (const [i, label] of [
        'DepthwiseBackpropInput',
        'DepthwiseBackpropFilter',
        'Conv2DBackpropFilter',
        'Conv2DBackpropInput',
      ].entries()) {
        expectClose(got[i]!, ref[i]!, label);
      }
    });
  }

  it('the kernels free their intermediate buffers (wasm data ids do not grow)', async () => {
    await tf.setBackend('wasm');
    const rng = createRng(3);
    const x = tf.tensor4d(randn(rng, 2 * 7 * 6 * 3), [2, 7, 6, 3]);
    const f = tf.tensor4d(randn(rng, 3 * 3 * 3 * 2), [3, 3, 3, 2]);
    const run = () =>
      tf.tidy(() => {
        const g = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
          tf.sum(tf.depthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, 'same')),
        )([x, f]);
        const h = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
          tf.sum(tf.conv2d(a as tf.Tensor4D, tf.reshape(b, [3, 3, 3, 2]) as tf.Tensor4D, 2, 'same')),
        )([x, f]);
        const t = tf.tile(tf.ones([1, 2]), [3, 1]);
        tf.dispose([...g, ...h, t]);
      });
    run();
    const before = tf.memory().numDataBuffers;
    for (let i = 0; i < 3; i++) run();
    expect(tf.memory().numDataBuffers).toBe(before);
    tf.dispose([x, f]);
  });

  it('Tile (replaced on wasm by block copies) equals cpu for broadcasts and general reps', async () => {
    const rng = createRng(21);
    for (const [shape, reps] of [
      [
        [1, 1, 1, 5],
        [3, 4, 2, 1],
      ],
      [
        [2, 3],
        [2, 3],
      ],
      [
        [3, 1, 2],
        [1, 4, 1],
      ],
      [[4], [3]],
      [
        [2, 2, 2],
        [1, 1, 1],
      ],
    ] as [number[], number[]][]) {
      const v = randn(
        rng,
        shape.reduce((a, b) => a * b, 1),
      );
      const run = () => [
        tf.tile(tf.tensor(v, shape), reps),
        tf.tile(
          tf.tensor(
            Int32Array.from(v, (x) => Math.round(x * 100)),
            shape,
            'int32',
          ),
          reps,
        ),
      ];
      const ref = await on('cpu', run);
      const got = await on('wasm', run);
      expect(Array.from(got[0]!)).toEqual(Array.from(ref[0]!));
      expect(Array.from(got[1]!)).toEqual(Array.from(ref[1]!));
    }
  });

  it('the dilated conv2d gradient equals the gradient through an explicitly zero-stuffed filter (cpu)', async () => {
    const rng = createRng(5);
    const xs: Shape4 = [2, 9, 7, 3];
    const fs: Shape4 = [3, 2, 3, 4];
    const xv = randn(rng, 2 * 9 * 7 * 3);
    const fv = randn(rng, 3 * 2 * 3 * 4);
    const [viaOverride, viaStuffed] = await on('cpu', () => {
      const x = tf.tensor4d(xv, xs);
      const f = tf.tensor4d(fv, fs);
      const g1 = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.square(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, 'same', 'NHWC', 2))),
      )([x, f]);
      const g2 = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.square(tf.conv2d(a as tf.Tensor4D, dilateFilter(b as tf.Tensor4D, [2, 2]), 1, 'same'))),
      )([x, f]);
      return [
        tf.concat([tf.reshape(g1[0]!, [-1]), tf.reshape(g1[1]!, [-1])]),
        tf.concat([tf.reshape(g2[0]!, [-1]), tf.reshape(g2[1]!, [-1])]),
      ];
    });
    expectClose(viaOverride!, viaStuffed!, 'dilated gradient');
  });
});
