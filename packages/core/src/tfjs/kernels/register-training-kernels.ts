import * as tf from '@tensorflow/tfjs';
import { conv2dBackpropFilterKernel } from './conv2d-backprop-filter.js';
import { conv2dBackpropInputKernel } from './conv2d-backprop-input.js';
import { depthwiseBackpropFilterKernel } from './depthwise-backprop-filter.js';
import { depthwiseBackpropInputKernel } from './depthwise-backprop-input.js';
import { conv2dGradConfig, depthwiseConv2dGradConfig } from './dilated-conv-gradients.js';
import { wasmTileKernel } from './tile.js';

const GRADIENTS_KEY = Symbol.for('@mirkit/core/tfjs/dilatedConvGradients');
const REPLACED_KEY = Symbol.for('@mirkit/core/tfjs/replacedWasmKernels');

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
  if (backendName === 'wasm') added.push(...replaceSlowWasmKernels());
  registerDilatedConvGradients();
  return added;
}

/**
 * Kernels tfjs-wasm has but that dominate training time; replaced once per process by faster formulations
 * (measured in bench/train.bench.ts): `Conv2DBackpropInput` (via XNNPACK Conv2D) and `Tile` (block copies).
 */
export const WASM_REPLACED_KERNELS = ['Conv2DBackpropInput', 'Tile'] as const;

interface Replaced {
  original: tf.KernelConfig | undefined;
  fast: tf.KernelConfig;
  active: boolean;
}

function replacedTable(): Map<string, Replaced> {
  const g = globalThis as Record<symbol, unknown>;
  return (g[REPLACED_KEY] ??= new Map<string, Replaced>()) as Map<string, Replaced>;
}

function install(name: string, config: tf.KernelConfig | undefined): void {
  if (tf.getKernel(name, 'wasm')) tf.unregisterKernel(name, 'wasm');
  if (config) tf.registerKernel(config);
}

function replaceSlowWasmKernels(): string[] {
  const table = replacedTable();
  if (table.size > 0) return [];
  const make: Record<
    (typeof WASM_REPLACED_KERNELS)[number],
    (previous: tf.KernelConfig | undefined) => tf.KernelFunc
  > = {
    Conv2DBackpropInput: () => conv2dBackpropInputKernel('wasm'),
    Tile: (previous) => wasmTileKernel(previous?.kernelFunc),
  };
  for (const name of WASM_REPLACED_KERNELS) {
    const original = tf.getKernel(name, 'wasm');
    const fast: tf.KernelConfig = { kernelName: name, backendName: 'wasm', kernelFunc: make[name](original) };
    if (original?.setupFunc) fast.setupFunc = original.setupFunc;
    install(name, fast);
    table.set(name, { original, fast, active: true });
  }
  return [...WASM_REPLACED_KERNELS];
}

/**
 * Switches between mirkit's faster wasm kernels (default after `registerTrainingKernels('wasm')`) and tfjs-wasm's
 * originals for {@link WASM_REPLACED_KERNELS}: an escape hatch, and what the bench uses for before/after numbers.
 */
export function useFastWasmKernels(enabled: boolean): void {
  for (const [name, r] of replacedTable()) {
    if (r.active === enabled) continue;
    install(name, enabled ? r.fast : r.original);
    r.active = enabled;
  }
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
