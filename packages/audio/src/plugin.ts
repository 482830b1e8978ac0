import { definePlugin, type Command } from '@mirkit/core';
import { AUDIO_OPS, audioCommand } from './cli/commands.js';

/** The `@mirkit/audio` plugin: `registry.use(audio())` adds the `mirkit audio <op>` commands. */
export function audio() {
  return definePlugin({
    name: 'audio',
    setup(registry) {
      for (const op of AUDIO_OPS) {
        // one literal type for all seven names keeps `register` typed against the CommandRegistry augmentation
        const name = `audio/${op}` as 'audio/decode';
        registry.register('command', name, () => audioCommand(op));
      }
    },
  });
}

declare module '@mirkit/core' {
  interface CommandRegistry {
    'audio/decode': () => Command;
    'audio/resample': () => Command;
    'audio/stft': () => Command;
    'audio/mel': () => Command;
    'audio/cqt': () => Command;
    'audio/hcqt': () => Command;
    'audio/logfilt': () => Command;
  }
}
