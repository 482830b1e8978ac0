import { definePlugin } from '@mirkit/core';

/** The `@mirkit/miditok` plugin: `registry.use(miditok())`. */
export function miditok() {
  return definePlugin({
    name: 'miditok',
    setup() {
      // Registrations are added as the package grows.
    },
  });
}
