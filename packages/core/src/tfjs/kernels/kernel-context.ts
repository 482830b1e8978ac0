import * as tf from '@tensorflow/tfjs';
import { BackendError, ConfigError } from '../../errors.js';

type Attrs = Record<string, unknown>;

/**
 * Runs other kernels of the same backend from inside a kernel function, and frees the intermediate results.
 *
 * Kernel functions must not call tfjs ops (that would nest engine scopes and record on the gradient tape), so the
 * patched kernels compose the backend's own kernels directly, as tfjs' kernels do internally.
 */
export class KernelContext {
  readonly #backend: tf.KernelBackend;
  readonly #backendName: string;
  readonly #temps: tf.TensorInfo[] = [];

  constructor(backend: unknown, backendName: string) {
    this.#backend = backend as tf.KernelBackend;
    this.#backendName = backendName;
  }

  /** Runs `kernelName`; the result is freed by {@link KernelContext.dispose} unless `keep` is true. */
  run(
    kernelName: string,
    inputs: Record<string, tf.TensorInfo>,
    attrs: Attrs = {},
    keep = false,
  ): tf.TensorInfo {
    const kernel = tf.getKernel(kernelName, this.#backendName);
    if (!kernel) {
      throw new BackendError(
        'ERR_KERNEL_MISSING',
        `Kernel '${kernelName}' is not registered for backend '${this.#backendName}'`,
      );
    }
    const out = kernel.kernelFunc({
      inputs: inputs as tf.NamedTensorInfoMap,
      backend: this.#backend,
      attrs: attrs as tf.NamedAttrMap,
    }) as tf.TensorInfo;
    if (!keep) this.#temps.push(out);
    return out;
  }

  transpose(x: tf.TensorInfo, perm: readonly number[]): tf.TensorInfo {
    return this.run('Transpose', { x }, { perm: [...perm] });
  }

  reshape(x: tf.TensorInfo, shape: readonly number[]): tf.TensorInfo {
    return this.run('Reshape', { x }, { shape: [...shape] });
  }

  slice(x: tf.TensorInfo, begin: readonly number[], size: readonly number[]): tf.TensorInfo {
    return this.run('Slice', { x }, { begin: [...begin], size: [...size] });
  }

  /** Frees every intermediate result produced by {@link KernelContext.run} without `keep`. */
  dispose(): void {
    for (const t of this.#temps.splice(0)) this.#backend.disposeData(t.dataId);
  }
}

/** `pad` attribute for explicit padding in NHWC. */
export function explicitPad(top: number, bottom: number, left: number, right: number): [number, number][] {
  return [
    [0, 0],
    [top, bottom],
    [left, right],
    [0, 0],
  ];
}

/** Normalises a scalar-or-pair attribute (`strides`, `dilations`) to a pair. */
export function pair(value: unknown, name: string): [number, number] {
  if (value === undefined || value === null) return [1, 1];
  if (typeof value === 'number') return [value, value];
  if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'number')) {
    return [value[0] as number, value[1] as number];
  }
  throw new ConfigError(
    'ERR_INVALID_OPTION',
    `Invalid '${name}' attribute ${JSON.stringify(value)}: expected a number or a pair`,
  );
}

/** The attributes tfjs passes to the convolution backprop kernels (a superset; each kernel reads its own). */
export interface ConvBackpropAttrs {
  strides: number | [number, number];
  dilations?: number | [number, number];
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat?: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  inputShape: [number, number, number, number];
  filterShape: [number, number, number, number];
}
