import { definePlugin } from './registry/plugin.js';
import { createSyntheticDataset } from './synthetic/synthetic-dataset.js';

/**
 * Core's own plugin: registers the loader `core/synthetic`. DataLoader worker threads always apply it to their
 * fresh registry, so `{ loader: 'core/synthetic' }` specs need no `plugins` entry.
 */
export function core() {
  return definePlugin({
    name: 'core',
    setup(registry) {
      registry.register('loader', 'core/synthetic', (options) => createSyntheticDataset(options));
    },
  });
}
