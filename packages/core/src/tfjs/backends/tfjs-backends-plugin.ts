import { definePlugin, type Plugin } from '../../registry/plugin.js';
import { cpuBackend, tensorflowBackend, tensorflowGpuBackend, wasmBackend } from './builtin-backends.js';

/** Name of the plugin that {@link tfjsBackends} returns. */
export const TFJS_BACKENDS_PLUGIN = '@mirkit/core/tfjs-backends';

/**
 * Registers the built-in tfjs backends (`wasm`, `cpu`, `tensorflow`, `tensorflow-gpu`) under kind `'backend'`.
 * `registry.use(tfjsBackends())` is idempotent; the Trainer applies it to the registry it selects from.
 */
export function tfjsBackends(): Plugin {
  return definePlugin({
    name: TFJS_BACKENDS_PLUGIN,
    setup(registry) {
      // Backend names are not typed through BackendRegistry: selection takes any string ('auto' | 'gpu' | name).
      const entries = {
        wasm: wasmBackend,
        cpu: cpuBackend,
        tensorflow: tensorflowBackend,
        'tensorflow-gpu': tensorflowGpuBackend,
      };
      for (const [name, factory] of Object.entries(entries))
        registry.register('backend', name as never, factory as never);
    },
  });
}
