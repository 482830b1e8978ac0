import { definePlugin } from '@mirkit/core';
import { createBeatTargetBuilder } from './annotations/beat-target-builder.js';
import { createEvaluateCommand } from './commands/evaluate-command.js';

/**
 * The `@mirkit/beatnet` plugin: `registry.use(beatnet())`. Registers the target `beatnet/beat-targets` and the
 * command `beatnet/evaluate` (`mirkit beatnet evaluate`).
 */
export function beatnet() {
  return definePlugin({
    name: 'beatnet',
    setup(registry) {
      registry.register('target', 'beatnet/beat-targets', createBeatTargetBuilder);
      registry.register('command', 'beatnet/evaluate', createEvaluateCommand);
    },
  });
}
