/** `@mirkit/core/tfjs`: backends, kernel patches and the trainer (the only part of core that imports tfjs). */
export { TfjsBackend, importOptional, type TfjsBackendSpec } from './backends/tfjs-backend.js';
export {
  wasmBackend,
  cpuBackend,
  tensorflowBackend,
  tensorflowGpuBackend,
  TFJS_NODE_GPU_HINT,
  TFJS_NODE_HINT,
} from './backends/builtin-backends.js';
export { tfjsBackends, TFJS_BACKENDS_PLUGIN } from './backends/tfjs-backends-plugin.js';
export {
  registerTrainingKernels,
  registerDilatedConvGradients,
  useFastWasmKernels,
  WASM_TRAINING_KERNELS,
  WASM_REPLACED_KERNELS,
} from './kernels/register-training-kernels.js';
export { fusedLstm, type FusedLstmOptions, type RecurrentActivation } from './layers/fused-lstm-op.js';
export { FusedLstmLayer, fusedLstmLayer, type FusedLstmLayerArgs } from './layers/fused-lstm-layer.js';
export { dilateFilter } from './kernels/dilated-conv-gradients.js';
export {
  Trainer,
  type TrainerOptions,
  type FitOptions,
  type BatchSource,
  type PlainTensor,
  type PlainPrediction,
} from './trainer.js';
export { toTensors, type TensorBatch } from './to-tensors.js';
export { layersModelParameters, type TfTrainingModule, type TfPrediction } from './tf-training-module.js';
export {
  bceWithLogits,
  crossEntropy,
  mse,
  lengthsToMask,
  type MaskedLossOptions,
  type LossReduction,
} from './masked-loss.js';
export { readCheckpoint, writeCheckpoint, type CheckpointData, type CheckpointTensor } from './checkpoint.js';
