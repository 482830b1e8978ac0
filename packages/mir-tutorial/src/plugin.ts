import { definePlugin } from '@mirkit/core';
import { loadTagLabels } from './datasets/tag-label-dataset.js';

/** The `@mirkit/mir-tutorial` plugin: `registry.use(mirTutorial())`. Registers the loader `mir-tutorial/tag-labels`. */
export function mirTutorial() {
  return definePlugin({
    name: 'mir-tutorial',
    setup(registry) {
      registry.register('loader', 'mir-tutorial/tag-labels', loadTagLabels);
    },
  });
}
