/**
 * What to run on: `'auto'` (the highest-priority available backend; the only choice that falls back), `'gpu'`
 * (the highest-priority available GPU backend, or an error), or a registered backend name (`'wasm'`, `'cpu'`,
 * `'tensorflow'`, `'tensorflow-gpu'`, or one a plugin added).
 */
export type DeviceKind = 'auto' | 'gpu' | 'cpu' | (string & {});

/** Memory statistics of a backend (tfjs `tf.memory()` where available). */
export interface BackendMemory {
  numTensors: number;
  numBytes: number;
  /** Backend-specific extras (e.g. GPU bytes in use). */
  [key: string]: number;
}

/**
 * A compute backend (Lightning's Accelerator, tfjs' registerBackend priority, transformers.js device names).
 * Backends are registered in the registry under kind `'backend'` as factories `() => Backend`, so a plugin can
 * add one; `@mirkit/core/tfjs` registers `wasm`, `cpu`, `tensorflow` and `tensorflow-gpu`.
 */
export interface Backend {
  /** Registry name: `'wasm'`, `'cpu'`, `'tensorflow'`, `'tensorflow-gpu'`, … */
  readonly name: string;
  /** Higher wins for `'auto'` (and among GPU backends for `'gpu'`). */
  readonly priority: number;
  readonly isGpu: boolean;
  /** npm package(s) that provide it, for messages. */
  readonly packageName?: string;
  /** What a user installs to make it available, e.g. `npm i @tensorflow/tfjs-node-gpu (CUDA 11.2, cuDNN 8.1)`. */
  readonly installHint?: string;
  /** Whether the backend can be set up in this process (package installed, native addon loads …). */
  isAvailable(): boolean | Promise<boolean>;
  /** Why {@link Backend.isAvailable} returned false (the load error), if known. */
  unavailableReason?(): string | undefined;
  /** Makes the backend current (e.g. `tf.setBackend(name)`, registers patched kernels). */
  setup(): Promise<void>;
  /** Releases what {@link Backend.setup} acquired. */
  teardown(): Promise<void>;
  /** Memory statistics; undefined before setup. */
  memory?(): BackendMemory | undefined;
}
