import { definePlugin } from '@mirkit/core';
import { loadSousaMetadata } from './sousa-metadata.js';

/** The `@mirkit/sousa` plugin: `registry.use(sousa())`. Registers the loader `sousa/metadata`. */
export function sousa() {
  return definePlugin({
    name: 'sousa',
    setup(registry) {
      registry.register('loader', 'sousa/metadata', loadSousaMetadata);
    },
  });
}
