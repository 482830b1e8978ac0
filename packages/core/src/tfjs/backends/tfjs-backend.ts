import * as tf from '@tensorflow/tfjs';
import type { Backend, BackendMemory } from '../../backend/backend.js';
import { BackendError, describeError } from '../../errors.js';
import {
  registerDilatedConvGradients,
  registerTrainingKernels,
} from '../kernels/register-training-kernels.js';

export interface TfjsBackendSpec {
  /** Registry name. */
  name: string;
  /** Name the backend registers under in tfjs (`tf.setBackend(tfName)`). */
  tfName: string;
  priority: number;
  isGpu: boolean;
  packageName?: string;
  installHint?: string;
  /** Loads the package that registers the tfjs backend (dynamic import of an optional peer). */
  load?: () => Promise<unknown>;
  /** Register the wasm gradient kernels for this backend on setup. */
  patchKernels?: boolean;
}

/** A {@link Backend} over a tfjs backend, loaded on demand. */
export class TfjsBackend implements Backend {
  readonly name: string;
  readonly priority: number;
  readonly isGpu: boolean;
  readonly packageName?: string;
  readonly installHint?: string;
  readonly #spec: TfjsBackendSpec;
  #reason: string | undefined;
  #loaded: Promise<boolean> | undefined;

  constructor(spec: TfjsBackendSpec) {
    this.#spec = spec;
    this.name = spec.name;
    this.priority = spec.priority;
    this.isGpu = spec.isGpu;
    if (spec.packageName !== undefined) this.packageName = spec.packageName;
    if (spec.installHint !== undefined) this.installHint = spec.installHint;
  }

  isAvailable(): Promise<boolean> {
    this.#loaded ??= (async () => {
      try {
        await this.#spec.load?.();
      } catch (error) {
        const pkg = this.#spec.packageName ?? this.name;
        const text = describeError(error);
        const missing = /Cannot find (package|module)|Could not resolve/.test(text) && text.includes(pkg);
        this.#reason = missing
          ? `${pkg} is not installed`
          : `cannot load ${pkg}: ${describeError(error).split('\n')[0]}`;
        return false;
      }
      if (!tf.findBackendFactory(this.#spec.tfName)) {
        this.#reason =
          `${this.#spec.packageName ?? this.name} loaded but registered no '${this.#spec.tfName}' backend with this copy of ` +
          `@tensorflow/tfjs (install matching versions: @tensorflow/tfjs@${tf.version.tfjs})`;
        return false;
      }
      return true;
    })();
    return this.#loaded;
  }

  unavailableReason(): string | undefined {
    return this.#reason;
  }

  async setup(): Promise<void> {
    if (!(await this.isAvailable())) {
      throw new BackendError(
        'ERR_BACKEND_UNAVAILABLE',
        `Backend '${this.name}' is not available: ${this.#reason ?? 'unknown reason'}${this.installHint ? ` — install: ${this.installHint}` : ''}`,
      );
    }
    let ok: boolean;
    try {
      ok = await tf.setBackend(this.#spec.tfName);
      await tf.ready();
    } catch (error) {
      throw new BackendError(
        'ERR_BACKEND_UNAVAILABLE',
        `Initialising tfjs backend '${this.#spec.tfName}' failed: ${describeError(error)}`,
        { cause: error },
      );
    }
    if (!ok) {
      throw new BackendError(
        'ERR_BACKEND_UNAVAILABLE',
        `tf.setBackend('${this.#spec.tfName}') failed for backend '${this.name}'`,
      );
    }
    if (this.#spec.patchKernels) registerTrainingKernels(this.#spec.tfName);
    else registerDilatedConvGradients();
  }

  /** tfjs cannot unload a backend; tensors stay owned by the caller. Nothing to release. */
  async teardown(): Promise<void> {}

  memory(): BackendMemory | undefined {
    if (tf.getBackend() !== this.#spec.tfName) return undefined;
    const m = tf.memory();
    return { numTensors: m.numTensors, numBytes: m.numBytes, numDataBuffers: m.numDataBuffers };
  }
}

/** Dynamic import whose specifier bundlers leave alone, for optional peers. */
export function importOptional(specifier: string): Promise<unknown> {
  return import(/* @vite-ignore */ specifier);
}
