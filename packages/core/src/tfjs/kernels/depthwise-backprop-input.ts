import * as tf from '@tensorflow/tfjs';
import { KernelContext, pair } from './kernel-context.js';

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
    const a = attrs as unknown as {
      strides: number | [number, number];
      dilations?: number | [number, number];
      pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
      dimRoundingMode?: 'floor' | 'round' | 'ceil';
      inputShape: [number, number, number, number];
    };
    const [sh, sw] = pair(a.strides, 'strides');
    const [dh, dw] = pair(a.dilations, 'dilations');
    const [n, h, w, c] = a.inputShape;
    const [kh, kw, , m] = filter.shape as [number, number, number, number];
    const info = tf.backend_util.computeConv2DInfo(a.inputShape, filter.shape as [number, number, number, number], [sh, sw], [dh, dw], a.pad, a.dimRoundingMode, true);
    const { outHeight: oh, outWidth: ow } = info;
    const cm = c * m;
    const ctx = new KernelContext(backend, backendName);
    try {
      // Zero-stuff dy by the stride: [N, oH·sh, oW·sw, C·M] (trailing zeros are cropped by the padding below).
      let dyD: tf.TensorInfo = dy;
      let lh = oh;
      let lw = ow;
      if (sh > 1 || sw > 1) {
        const r = ctx.reshape(dy, [n, oh, 1, ow, 1, cm]);
        const p = ctx.run('PadV2', { x: r }, {
          paddings: [[0, 0], [0, 0], [0, sh - 1], [0, 0], [0, sw - 1], [0, 0]],
          constantValue: 0,
        });
        lh = oh * sh;
        lw = ow * sw;
        dyD = ctx.reshape(p, [n, lh, lw, cm]);
      }
      // Pad (or crop) so that a 'valid' correlation with the dilated kernel yields exactly H×W.
      const top = (kh - 1) * dh - info.padInfo.top;
      const left = (kw - 1) * dw - info.padInfo.left;
      const bottom = h + (kh - 1) * dh - top - lh;
      const right = w + (kw - 1) * dw - left - lw;
      if (top < 0 || left < 0 || bottom < 0 || right < 0) {
        const cropTop = Math.max(0, -top);
        const cropLeft = Math.max(0, -left);
        const cropBottom = Math.max(0, -bottom);
        const cropRight = Math.max(0, -right);
        dyD = ctx.slice(dyD, [0, cropTop, cropLeft, 0], [n, lh - cropTop - cropBottom, lw - cropLeft - cropRight, cm]);
      }
      const padded = ctx.run('PadV2', { x: dyD }, {
        paddings: [[0, 0], [Math.max(0, top), Math.max(0, bottom)], [Math.max(0, left), Math.max(0, right)], [0, 0]],
        constantValue: 0,
      });
      const wRev = ctx.run('Reverse', { x: filter }, { dims: [0, 1] });
      const wRot = ctx.reshape(wRev, [kh, kw, cm, 1]);
      const out = ctx.run('DepthwiseConv2dNative', { x: padded, filter: wRot }, { strides: [1, 1], dilations: [dh, dw], pad: 'valid' });
      if (m === 1) return ctx.run('Reshape', { x: out }, { shape: [n, h, w, c] }, true);
      const out5 = ctx.reshape(out, [n, h, w, c, m]);
      return ctx.run('Sum', { x: out5 }, { axis: [4], keepDims: false }, true);
    } finally {
      ctx.dispose();
    }
  };
}
