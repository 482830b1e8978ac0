import { definePlugin } from '@mirkit/core';

/** The `@mirkit/beatnet` plugin: `registry.use(beatnet())`. */
export function beatnet() {
  return definePlugin({
    name: 'beatnet',
    setup() {
      // Registrations are added as the package grows.
    },
  });
}
