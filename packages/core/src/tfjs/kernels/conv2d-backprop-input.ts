import * as tf from '@tensorflow/tfjs';
import { ConfigError } from '../../errors.js';
import { KernelContext, pair, type ConvBackpropAttrs } from './kernel-context.js';
import { stuffAndPad } from './stuff-and-pad.js';

/**
 * `Conv2DBackpropInput` as one XNNPACK `Conv2D` (replaces tfjs-wasm's direct-loop C++ kernel, which took ~60% of a
 * Conv2D training step in the reference model):
 *
 * `dx[n,h,w,c] = Σ_{i,j,o} dyD[n, h + pt − i, w + pl − j, o] · W[i,j,c,o]`, with `dyD` = `dy` zero-stuffed by the
 * stride. That is a stride-1 'valid' correlation of the re-padded `dyD` with the filter reversed spatially and
 * transposed to `[kh, kw, Cout, Cin]`.
 */
export function conv2dBackpropInputKernel(backendName: string): tf.KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { dy, filter } = inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
    const a = attrs as unknown as ConvBackpropAttrs;
    if (a.dataFormat === 'NCHW') {
      throw new ConfigError(
        'ERR_INVALID_OPTION',
        `Conv2DBackpropInput on '${backendName}' supports dataFormat 'NHWC' only, but got 'NCHW'`,
      );
    }
    const stride = pair(a.strides, 'strides');
    const [n, h, w] = a.inputShape;
    const fShape = filter.shape as [number, number, number, number];
    const [kh, kw, , co] = fShape;
    const info = tf.backend_util.computeConv2DInfo(a.inputShape, fShape, stride, 1, a.pad, a.dimRoundingMode);
    const ctx = new KernelContext(backend, backendName);
    try {
      const padded = stuffAndPad(ctx, dy, {
        n,
        oh: info.outHeight,
        ow: info.outWidth,
        channels: co,
        h,
        w,
        stride,
        kernel: [kh, kw],
        dilation: [1, 1],
        padTop: info.padInfo.top,
        padLeft: info.padInfo.left,
      });
      const wRot = ctx.transpose(ctx.run('Reverse', { x: filter }, { dims: [0, 1] }), [0, 1, 3, 2]);
      return ctx.run(
        'Conv2D',
        { x: padded, filter: wRot },
        { strides: [1, 1], dilations: [1, 1], pad: 'valid', dataFormat: 'NHWC' },
        true,
      );
    } finally {
      ctx.dispose();
    }
  };
}
