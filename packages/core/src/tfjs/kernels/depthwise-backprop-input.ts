import * as tf from '@tensorflow/tfjs';
import { KernelContext, pair, type ConvBackpropAttrs } from './kernel-context.js';
import { stuffAndPad } from './stuff-and-pad.js';

/**
 * `DepthwiseConv2dNativeBackpropInput` from the backend's `Reshape`, `PadV2`, `Slice`, `Reverse`,
 * `DepthwiseConv2dNative` and `Sum` kernels: a transposed depthwise convolution.
 *
 * `dx[n,h,w,c] = Σ_{i,j,q} dyD[n, h + pt − i·d, w + pl − j·d, c·M+q] · W[i,j,c,q]`, where `dyD` is `dy` with
 * `s−1` zeros inserted between samples (stride `s`). That is a stride-1 depthwise correlation (dilation `d`) of
 * the zero-stuffed, re-padded `dy` with the spatially reversed filter, summed over the multiplier `M`.
 */
export function depthwiseBackpropInputKernel(backendName: string): tf.KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { dy, filter } = inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
    const a = attrs as unknown as ConvBackpropAttrs;
    const stride = pair(a.strides, 'strides');
    const dilation = pair(a.dilations, 'dilations');
    const [n, h, w, c] = a.inputShape;
    const fShape = filter.shape as [number, number, number, number];
    const [kh, kw, , m] = fShape;
    const info = tf.backend_util.computeConv2DInfo(
      a.inputShape,
      fShape,
      stride,
      dilation,
      a.pad,
      a.dimRoundingMode,
      true,
    );
    const ctx = new KernelContext(backend, backendName);
    try {
      const padded = stuffAndPad(ctx, dy, {
        n,
        oh: info.outHeight,
        ow: info.outWidth,
        channels: c * m,
        h,
        w,
        stride,
        kernel: [kh, kw],
        dilation,
        padTop: info.padInfo.top,
        padLeft: info.padInfo.left,
      });
      const wRot = ctx.reshape(ctx.run('Reverse', { x: filter }, { dims: [0, 1] }), [kh, kw, c * m, 1]);
      const out = ctx.run(
        'DepthwiseConv2dNative',
        { x: padded, filter: wRot },
        { strides: [1, 1], dilations: dilation, pad: 'valid' },
      );
      if (m === 1) return ctx.run('Reshape', { x: out }, { shape: [n, h, w, c] }, true);
      return ctx.run('Sum', { x: ctx.reshape(out, [n, h, w, c, m]) }, { axis: [4], keepDims: false }, true);
    } finally {
      ctx.dispose();
    }
  };
}
