import type * as tf from '@tensorflow/tfjs';
import type { KernelContext } from './kernel-context.js';

/** Geometry of a transposed convolution (gradient of the input). */
export interface TransposedConvGeometry {
  /** Batch, forward output size, channels of `dy`. */
  n: number;
  oh: number;
  ow: number;
  channels: number;
  /** Forward input size. */
  h: number;
  w: number;
  /** Forward stride, filter size, dilation and top/left padding. */
  stride: [number, number];
  kernel: [number, number];
  dilation: [number, number];
  padTop: number;
  padLeft: number;
}

/**
 * Zero-stuffs `dy` by the stride (`s−1` zeros between samples) and pads or crops it so that a stride-1 'valid'
 * correlation with the reversed filter (dilation `d`) yields exactly the forward input size `H×W`:
 * `top = (kh−1)·d − padTop`, `bottom = H + (kh−1)·d − top − len(dyD)` (same for width).
 */
export function stuffAndPad(ctx: KernelContext, dy: tf.TensorInfo, g: TransposedConvGeometry): tf.TensorInfo {
  const { n, oh, ow, channels: c, h, w } = g;
  const [sh, sw] = g.stride;
  const [kh, kw] = g.kernel;
  const [dh, dw] = g.dilation;
  let dyD = dy;
  let lh = oh;
  let lw = ow;
  if (sh > 1 || sw > 1) {
    const r = ctx.reshape(dy, [n, oh, 1, ow, 1, c]);
    const p = ctx.run(
      'PadV2',
      { x: r },
      {
        paddings: [
          [0, 0],
          [0, 0],
          [0, sh - 1],
          [0, 0],
          [0, sw - 1],
          [0, 0],
        ],
        constantValue: 0,
      },
    );
    lh = oh * sh;
    lw = ow * sw;
    dyD = ctx.reshape(p, [n, lh, lw, c]);
  }
  const top = (kh - 1) * dh - g.padTop;
  const left = (kw - 1) * dw - g.padLeft;
  const bottom = h + (kh - 1) * dh - top - lh;
  const right = w + (kw - 1) * dw - left - lw;
  if (top < 0 || left < 0 || bottom < 0 || right < 0) {
    const ct = Math.max(0, -top);
    const cl = Math.max(0, -left);
    dyD = ctx.slice(
      dyD,
      [0, ct, cl, 0],
      [n, lh - ct - Math.max(0, -bottom), lw - cl - Math.max(0, -right), c],
    );
  }
  const pads = [Math.max(0, top), Math.max(0, bottom), Math.max(0, left), Math.max(0, right)] as const;
  if (pads.every((v) => v === 0)) return dyD;
  return ctx.run(
    'PadV2',
    { x: dyD },
    {
      paddings: [
        [0, 0],
        [pads[0], pads[1]],
        [pads[2], pads[3]],
        [0, 0],
      ],
      constantValue: 0,
    },
  );
}
