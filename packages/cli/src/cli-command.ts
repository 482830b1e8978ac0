import type { Command, CommandContext } from '@mirkit/core';
import type { PluginReport } from './load-plugins.js';

/** The context of a built-in command: a plugin command's context plus what plugin loading found. */
export interface CliCommandContext extends CommandContext {
  readonly plugins: readonly PluginReport[];
}

/** A built-in command (`mirkit plugins`, `mirkit dataset export`): core's Command contract with the richer context. */
export interface CliCommand extends Omit<Command, 'run'> {
  run(context: CliCommandContext): ReturnType<Command['run']>;
}
