import * as tf from '@tensorflow/tfjs';
import { ConfigError } from '../../errors.js';
import { explicitPad, KernelContext, pair, type ConvBackpropAttrs } from './kernel-context.js';

/**
 * `Conv2DBackpropFilter` built from the backend's own `Transpose`, `Conv2D` and `Slice` kernels (tfjs-wasm ships
 * no such kernel, so no Conv1D/Conv2D model can train on it as shipped).
 *
 * With `x [N,H,W,Ci]`, `dy [N,oH,oW,Co]`, stride `s`, filter dilation `d` (1 for tfjs' attribute set, but an
 * optional `dilations` attribute is honoured) and the forward pass's padding:
 *
 * `dW[i,j,c,o] = Σ_n Σ_y Σ_x xpad[n, y·s + i·d, x·s + j·d, c] · dy[n,y,x,o]`
 *
 * which is a convolution of `x` seen as `[Ci, H, W, N]` (channels become the batch, the batch becomes channels)
 * with `dy` seen as a filter `[oH, oW, N, Co]`, run with **stride `d` and dilation `s`** (the roles swap) and the
 * forward padding, cropped to `kh×kw`. Strided forward convolutions therefore cost one dilated convolution.
 */
export function conv2dBackpropFilterKernel(backendName: string): tf.KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
    const a = attrs as unknown as ConvBackpropAttrs;
    if (a.dataFormat === 'NCHW') {
      throw new ConfigError(
        'ERR_INVALID_OPTION',
        `Conv2DBackpropFilter on '${backendName}' supports dataFormat 'NHWC' only, but got 'NCHW'`,
      );
    }
    const strides = pair(a.strides, 'strides');
    const dilations = pair(a.dilations, 'dilations');
    const info = tf.backend_util.computeConv2DInfo(
      x.shape as [number, number, number, number],
      a.filterShape,
      strides,
      dilations,
      a.pad,
      a.dimRoundingMode,
    );
    const [kh, kw, ci, co] = a.filterShape;
    const ctx = new KernelContext(backend, backendName);
    try {
      const xT = ctx.transpose(x, [3, 1, 2, 0]);
      const dyT = ctx.transpose(dy, [1, 2, 0, 3]);
      const { top, bottom, left, right } = info.padInfo;
      let g = ctx.run(
        'Conv2D',
        { x: xT, filter: dyT },
        {
          strides: dilations,
          dilations: strides,
          pad: explicitPad(top, bottom, left, right),
          dataFormat: 'NHWC',
        },
      );
      if (g.shape[1] !== kh || g.shape[2] !== kw) g = ctx.slice(g, [0, 0, 0, 0], [ci, kh, kw, co]);
      return ctx.run('Transpose', { x: g }, { perm: [1, 2, 0, 3] }, true);
    } finally {
      ctx.dispose();
    }
  };
}
