import { definePlugin } from '@mirkit/core';

/** The `@mirkit/mir-tutorial` plugin: `registry.use(mirTutorial())`. */
export function mirTutorial() {
  return definePlugin({
    name: 'mir-tutorial',
    setup() {
      // Registrations are added as the package grows.
    },
  });
}
