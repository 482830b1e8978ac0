import type { Registry } from './registry.js';

/** What a CLI command receives from the `mirkit` binary. */
export interface CommandContext {
  /** Arguments after `mirkit <plugin> <command>` (parse them with `node:util` `parseArgs`). */
  readonly argv: readonly string[];
  /** The registry with every installed plugin applied. */
  readonly registry: Registry;
  readonly cwd: string;
  /** Data output (JSON under `--json`). */
  readonly stdout: NodeJS.WritableStream;
  /** Progress and diagnostics. */
  readonly stderr: NodeJS.WritableStream;
  /** `--verbose` was given. */
  readonly verbose: boolean;
  /** `--json` was given. */
  readonly json: boolean;
  /** Aborted on SIGINT. */
  readonly signal: AbortSignal;
}

/**
 * A subcommand contributed by a plugin through the registry's `command` kind. The entry `"audio/stft"` is run as
 * `mirkit audio stft …`. Throw a `MirError` for user errors: the binary prints its message on one line and exits 1.
 */
export interface Command {
  /** One line for `mirkit <plugin> --help`. */
  readonly summary: string;
  /** Full usage text for `mirkit <plugin> <command> --help`. */
  readonly usage: string;
  // `void` lets a command that returns nothing exit with 0.
  // eslint-disable-next-line @typescript-eslint/no-invalid-void-type
  run(context: CommandContext): Promise<number | void> | number | void;
}
