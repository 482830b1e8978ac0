import * as tf from '@tensorflow/tfjs';
import { ConfigError } from '../../errors.js';
import { pair } from './kernel-context.js';

type Pad = 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;

/**
 * Inserts `d−1` zeros between the taps of a `[kh, kw, a, b]` filter: a convolution with dilation `d` equals a
 * convolution with dilation 1 and this `[(kh−1)·dh+1, (kw−1)·dw+1, a, b]` filter (same padding, since tfjs sizes
 * 'same' padding on the effective filter size).
 */
export function dilateFilter(filter: tf.Tensor4D, dilations: [number, number]): tf.Tensor4D {
  const [dh, dw] = dilations;
  if (dh === 1 && dw === 1) return filter;
  return tf.tidy((): tf.Tensor4D => {
    const [kh, kw, a, b] = filter.shape;
    const spread = tf.pad(tf.reshape(filter, [kh, 1, kw, 1, a, b]), [
      [0, 0],
      [0, dh - 1],
      [0, 0],
      [0, dw - 1],
      [0, 0],
      [0, 0],
    ]);
    const full = tf.reshape(spread, [kh * dh, kw * dw, a, b]);
    return tf.slice(full, [0, 0, 0, 0], [(kh - 1) * dh + 1, (kw - 1) * dw + 1, a, b]) as tf.Tensor4D;
  });
}

/** Keeps every `d`-th tap of a dilated-filter gradient: the inverse of {@link dilateFilter}. */
function undilate(grad: tf.Tensor4D, dilations: [number, number]): tf.Tensor4D {
  const [dh, dw] = dilations;
  if (dh === 1 && dw === 1) return grad;
  return tf.stridedSlice(grad, [0, 0, 0, 0], grad.shape, [dh, dw, 1, 1]) as tf.Tensor4D;
}

function runKernel<T extends tf.Tensor>(
  name: string,
  inputs: Record<string, tf.Tensor>,
  attrs: Record<string, unknown>,
): T {
  return tf.engine().runKernel(name, inputs as tf.NamedTensorMap, attrs as tf.NamedAttrMap) as T;
}

/** Attributes of the Conv2D / DepthwiseConv2dNative kernels that their gradients read. */
interface ConvGradAttrs {
  strides: number | [number, number];
  dilations?: number | [number, number];
  pad: Pad;
  dataFormat?: 'NHWC' | 'NCHW';
  dimRoundingMode?: string;
}

/**
 * Gradient of `Conv2D` for any stride, dilation and padding. tfjs' own gradient rejects dilation rates above 1
 * ("not yet supported in gradients") on every backend; this one handles dilation by zero-stuffing the filter, so
 * it only needs the stride-aware `Conv2DBackpropInput` / `Conv2DBackpropFilter` kernels. For dilation 1 it runs
 * exactly the kernels tfjs' gradient runs.
 */
export const conv2dGradConfig: tf.GradConfig = {
  kernelName: 'Conv2D',
  inputsToSave: ['x', 'filter'],
  gradFunc: (dy, saved, attrs) => {
    const [x, filter] = saved as [tf.Tensor4D, tf.Tensor4D];
    const a = attrs as unknown as ConvGradAttrs;
    const dilations = pair(a.dilations, 'dilations');
    const dataFormat = a.dataFormat ?? 'NHWC';
    if (dataFormat !== 'NHWC' && (dilations[0] > 1 || dilations[1] > 1)) {
      throw new ConfigError(
        'ERR_INVALID_OPTION',
        `Gradient of a dilated conv2d supports dataFormat 'NHWC' only, but got '${dataFormat}'`,
      );
    }
    const common = { strides: a.strides, pad: a.pad, dataFormat, dimRoundingMode: a.dimRoundingMode };
    return zeroStuffedGradients(x, filter, dy, dilations, common, 'Conv2DBackpropInput', 'Conv2DBackpropFilter');
  },
};

/** Gradient of `DepthwiseConv2dNative` for any stride, dilation and padding (same zero-stuffing idea). */
export const depthwiseConv2dGradConfig: tf.GradConfig = {
  kernelName: 'DepthwiseConv2dNative',
  inputsToSave: ['x', 'filter'],
  gradFunc: (dy, saved, attrs) => {
    const [x, filter] = saved as [tf.Tensor4D, tf.Tensor4D];
    const a = attrs as unknown as ConvGradAttrs;
    const dilations = pair(a.dilations, 'dilations');
    const common = { strides: a.strides, pad: a.pad, dimRoundingMode: a.dimRoundingMode, dilations: [1, 1] };
    return zeroStuffedGradients(
      x,
      filter,
      dy,
      dilations,
      common,
      'DepthwiseConv2dNativeBackpropInput',
      'DepthwiseConv2dNativeBackpropFilter',
    );
  },
};

/**
 * Input and filter gradients of a (depthwise) convolution with dilation, computed by the undilated backprop kernels
 * on a zero-stuffed filter (input gradient) and a full-extent filter gradient cropped back to the taps (filter).
 */
function zeroStuffedGradients(
  x: tf.Tensor4D,
  filter: tf.Tensor4D,
  dy: tf.Tensor | tf.Tensor[],
  dilations: [number, number],
  common: Record<string, unknown>,
  inputKernel: string,
  filterKernel: string,
): { x: () => tf.Tensor4D; filter: () => tf.Tensor4D } {
  return {
    x: () => {
      const fD = dilateFilter(filter, dilations);
      const out = runKernel<tf.Tensor4D>(inputKernel, { dy: dy as tf.Tensor4D, filter: fD }, { ...common, inputShape: x.shape });
      if (fD !== filter) fD.dispose();
      return out;
    },
    filter: () => {
      const [kh, kw, c, m] = filter.shape;
      const shape = [(kh - 1) * dilations[0] + 1, (kw - 1) * dilations[1] + 1, c, m];
      const gD = runKernel<tf.Tensor4D>(filterKernel, { x, dy: dy as tf.Tensor4D }, { ...common, filterShape: shape });
      const g = undilate(gD, dilations);
      if (g !== gD) gD.dispose();
      return g;
    },
  };
}
