import { definePlugin } from '@mirkit/core';

/** The `@mirkit/sousa` plugin: `registry.use(sousa())`. */
export function sousa() {
  return definePlugin({
    name: 'sousa',
    setup() {
      // Registrations are added as the package grows.
    },
  });
}
