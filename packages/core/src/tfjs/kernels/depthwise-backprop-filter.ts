import * as tf from '@tensorflow/tfjs';
import { explicitPad, KernelContext, pair, type ConvBackpropAttrs } from './kernel-context.js';

/**
 * `DepthwiseConv2dNativeBackpropFilter` from the backend's `Transpose`, `Reshape`, `DepthwiseConv2dNative`,
 * `Slice` and `Sum` kernels.
 *
 * With `x [N,H,W,C]`, `dy [N,oH,oW,C·M]`, stride `s`, dilation `d`:
 * `dW[i,j,c,q] = Σ_n Σ_y Σ_x xpad[n, y·s + i·d, x·s + j·d, c] · dy[n,y,x,c·M+q]`.
 * Seen as a depthwise convolution of `x` laid out as `[1, H, W, C·N]` with `dy` laid out as the filter
 * `[oH, oW, C·N, M]` (stride `d`, dilation `s`, forward padding), cropped to `kh×kw`, then summed over `N`.
 */
export function depthwiseBackpropFilterKernel(backendName: string): tf.KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
    const a = attrs as unknown as ConvBackpropAttrs;
    const strides = pair(a.strides, 'strides');
    const dilations = pair(a.dilations, 'dilations');
    const [n, h, w, c] = x.shape as [number, number, number, number];
    const [kh, kw, , m] = a.filterShape;
    const info = tf.backend_util.computeConv2DInfo(
      [n, h, w, c],
      a.filterShape,
      strides,
      dilations,
      a.pad,
      a.dimRoundingMode,
      true,
    );
    const { outHeight: oh, outWidth: ow } = info;
    const ctx = new KernelContext(backend, backendName);
    try {
      const xr = ctx.reshape(ctx.transpose(x, [1, 2, 3, 0]), [1, h, w, c * n]);
      const dy5 = ctx.reshape(dy, [n, oh, ow, c, m]);
      const dyr = ctx.reshape(ctx.transpose(dy5, [1, 2, 3, 0, 4]), [oh, ow, c * n, m]);
      const { top, bottom, left, right } = info.padInfo;
      const g = ctx.run(
        'DepthwiseConv2dNative',
        { x: xr, filter: dyr },
        { strides: dilations, dilations: strides, pad: explicitPad(top, bottom, left, right) },
      );
      const gh = g.shape[1] as number;
      const gw = g.shape[2] as number;
      let g5 = ctx.reshape(g, [gh, gw, c, n, m]);
      if (gh !== kh || gw !== kw) g5 = ctx.slice(g5, [0, 0, 0, 0, 0], [kh, kw, c, n, m]);
      if (n === 1) return ctx.run('Reshape', { x: g5 }, { shape: [kh, kw, c, m] }, true);
      return ctx.run('Sum', { x: g5 }, { axis: [3], keepDims: false }, true);
    } finally {
      ctx.dispose();
    }
  };
}
