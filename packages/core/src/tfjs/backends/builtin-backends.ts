import { TfjsBackend, importOptional } from './tfjs-backend.js';

/** Install hint for the CUDA build of tfjs-node (libtensorflow 2.9.1). */
export const TFJS_NODE_GPU_HINT =
  'npm i @tensorflow/tfjs-node-gpu (Linux x64 only; needs an NVIDIA driver with CUDA 11.2 and cuDNN 8.1 — the libtensorflow 2.9.1 build it downloads at install time)';
export const TFJS_NODE_HINT = 'npm i @tensorflow/tfjs-node (downloads libtensorflow 2.9.1 at install time)';

/** `wasm`: @tensorflow/tfjs-backend-wasm with the missing convolution gradient kernels registered. Default. */
export function wasmBackend(): TfjsBackend {
  return new TfjsBackend({
    name: 'wasm',
    tfName: 'wasm',
    priority: 2,
    isGpu: false,
    packageName: '@tensorflow/tfjs-backend-wasm',
    installHint: 'npm i @tensorflow/tfjs-backend-wasm',
    load: () => importOptional('@tensorflow/tfjs-backend-wasm'),
    patchKernels: true,
  });
}

/** `cpu`: tfjs' plain-JavaScript reference kernels (deterministic, slow: ~100× wasm on convolutions). */
export function cpuBackend(): TfjsBackend {
  return new TfjsBackend({
    name: 'cpu',
    tfName: 'cpu',
    priority: 1,
    isGpu: false,
    packageName: '@tensorflow/tfjs',
  });
}

/** `tensorflow`: @tensorflow/tfjs-node (native libtensorflow, CPU). Optional peer, loaded at run time. */
export function tensorflowBackend(): TfjsBackend {
  return new TfjsBackend({
    name: 'tensorflow',
    tfName: 'tensorflow',
    priority: 3,
    isGpu: false,
    packageName: '@tensorflow/tfjs-node',
    installHint: TFJS_NODE_HINT,
    load: () => importOptional('@tensorflow/tfjs-node'),
  });
}

/** `tensorflow-gpu`: @tensorflow/tfjs-node-gpu (libtensorflow with CUDA). Optional peer, loaded at run time. */
export function tensorflowGpuBackend(): TfjsBackend {
  return new TfjsBackend({
    name: 'tensorflow-gpu',
    tfName: 'tensorflow',
    priority: 4,
    isGpu: true,
    packageName: '@tensorflow/tfjs-node-gpu',
    installHint: TFJS_NODE_GPU_HINT,
    load: () => importOptional('@tensorflow/tfjs-node-gpu'),
  });
}
