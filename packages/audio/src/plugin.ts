import { definePlugin } from '@mirkit/core';

/** The `@mirkit/audio` plugin: `registry.use(audio())`. */
export function audio() {
  return definePlugin({
    name: 'audio',
    setup() {
      // Registrations are added as the package grows.
    },
  });
}
