import * as tf from '@tensorflow/tfjs';
import { conv2dBackpropFilterKernel } from './conv2d-backprop-filter.js';
import { depthwiseBackpropFilterKernel } from './depthwise-backprop-filter.js';
import { depthwiseBackpropInputKernel } from './depthwise-backprop-input.js';
import { conv2dGradConfig, depthwiseConv2dGradConfig } from './dilated-conv-gradients.js';

const GRADIENTS_KEY = Symbol.for('@mirkit/core/tfjs/dilatedConvGradients');

/** Kernels that tfjs-backend-wasm 4.22 lacks and that training convolutions needs, in the order registered. */
export const WASM_TRAINING_KERNELS = [
  'Conv2DBackpropFilter',
  'DepthwiseConv2dNativeBackpropFilter',
  'DepthwiseConv2dNativeBackpropInput',
] as const;

/**
 * Registers the missing convolution gradient kernels for `backendName` (default `'wasm'`). Kernels the backend
 * already has are left alone, so this is idempotent and harmless on backends that ship them.
 * Returns the names it registered.
 */
export function registerTrainingKernels(backendName = 'wasm'): string[] {
  const factories: Record<(typeof WASM_TRAINING_KERNELS)[number], (b: string) => tf.KernelFunc> = {
    Conv2DBackpropFilter: conv2dBackpropFilterKernel,
    DepthwiseConv2dNativeBackpropFilter: depthwiseBackpropFilterKernel,
    DepthwiseConv2dNativeBackpropInput: depthwiseBackpropInputKernel,
  };
  const added: string[] = [];
  for (const name of WASM_TRAINING_KERNELS) {
    if (tf.getKernel(name, backendName)) continue;
    tf.registerKernel({ kernelName: name, backendName, kernelFunc: factories[name](backendName) });
    added.push(name);
  }
  registerDilatedConvGradients();
  return added;
}

/**
 * Replaces tfjs' `Conv2D` and `DepthwiseConv2dNative` gradients with ones that also handle dilation rates
 * above 1 (tfjs' own throw). Global for every backend; identical to tfjs' for dilation 1. Idempotent.
 */
export function registerDilatedConvGradients(): void {
  const g = globalThis as Record<symbol, unknown>;
  if (g[GRADIENTS_KEY] === true) return;
  tf.registerGradient(conv2dGradConfig);
  tf.registerGradient(depthwiseConv2dGradConfig);
  g[GRADIENTS_KEY] = true;
}
