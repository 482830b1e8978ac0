import { Registry, RegistryError, type Command, type MirErrorCode } from '@mirkit/core';
import type { CliCommand, CliCommandContext } from './cli-command.js';
import { cliVersion } from './cli-version.js';
import { datasetExportCommand } from './commands/dataset-export.js';
import { pluginsCommand } from './commands/plugins.js';
import { discoverPlugins, resolvePluginOption, type PluginCandidate } from './discover-plugins.js';
import { loadPlugins, type PluginReport } from './load-plugins.js';
import {
  CLI_NAME,
  EXIT,
  formatErrorDetail,
  formatErrorLine,
  formatTable,
  reportError,
  writeLine,
} from './output.js';
import { parseGlobalArgs } from './parse-global-args.js';
import { UsageError } from './usage-error.js';

/** Where `runCli` reads and writes; every field is optional (defaults: the process's). */
export interface CliIo {
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
  /** Project directory: relative paths and project plugins are resolved from it. */
  cwd?: string;
  /** Aborts the running command (the binary aborts it on SIGINT). */
  signal?: AbortSignal;
  /** Registry the plugins are applied to (default: a new `Registry`). */
  registry?: Registry;
  /** Search installed packages for plugins (default true); `--plugin` modules are loaded either way. */
  discover?: boolean;
}

type AnyCommand = Command | CliCommand;

interface CommandGroup {
  /** Heading of `mirkit <group> --help`. */
  title: string;
  commands: Map<string, AnyCommand>;
}

interface CommandTable {
  leaves: Map<string, AnyCommand>;
  groups: Map<string, CommandGroup>;
}

const GLOBAL_OPTIONS = `Global options:
  -h, --help         Show help; after a command, that command's usage
  --version          Print the version of @mirkit/cli
  --json             Print data as JSON (commands whose output is data)
  --verbose          Print stack traces and error causes
  --plugin <module>  Also load a plugin: a file, a directory or a package name, optionally
                     followed by #exportName (repeatable)`;

function isCommand(value: unknown): value is Command {
  const c = value as Partial<Command> | null;
  return (
    typeof c === 'object' &&
    c !== null &&
    typeof c.run === 'function' &&
    typeof c.summary === 'string' &&
    typeof c.usage === 'string'
  );
}

function buildTable(
  registry: Registry,
  reports: readonly PluginReport[],
  stderr: NodeJS.WritableStream,
  verbose: boolean,
): CommandTable {
  const leaves = new Map<string, AnyCommand>([['plugins', pluginsCommand]]);
  const groups = new Map<string, CommandGroup>([
    ['dataset', { title: 'Dataset commands', commands: new Map([['export', datasetExportCommand]]) }],
  ]);
  for (const name of registry.names('command') as string[]) {
    let command: unknown;
    try {
      command = (registry.get('command', name as never) as unknown as () => unknown)();
      if (!isCommand(command)) {
        const got =
          typeof command === 'object' && command !== null
            ? `an object with keys [${Object.keys(command).join(', ')}]`
            : typeof command;
        throw new RegistryError(
          'ERR_INVALID_OPTION',
          `the factory returned ${got}, expected { summary, usage, run() }`,
        );
      }
    } catch (error) {
      writeLine(stderr, formatErrorLine(error, `${CLI_NAME}: command '${name}' skipped: `));
      if (verbose) writeLine(stderr, formatErrorDetail(error));
      continue;
    }
    const slash = name.indexOf('/');
    if (slash === -1) {
      if (!leaves.has(name) && !groups.has(name)) leaves.set(name, command);
      continue;
    }
    const ns = name.slice(0, slash);
    let group = groups.get(ns);
    if (!group) {
      const plugin = registry.plugins().find((p) => p.name === ns);
      const report = reports.find((r) => r.plugin === ns);
      const version = plugin?.version ?? report?.version;
      group = {
        title: `Commands of plugin '${ns}'${version ? ` ${version}` : ''}${report ? ` (${report.packageName})` : ''}`,
        commands: new Map(),
      };
      groups.set(ns, group);
    }
    if (!group.commands.has(name.slice(slash + 1))) group.commands.set(name.slice(slash + 1), command);
  }
  return { leaves, groups };
}

function rootHelp(table: CommandTable, version: string): string {
  const rows: string[][] = [];
  for (const [name, c] of table.leaves) rows.push([`${CLI_NAME} ${name}`, c.summary]);
  for (const [group, g] of table.groups)
    for (const [name, c] of g.commands) rows.push([`${CLI_NAME} ${group} ${name}`, c.summary]);
  return [
    `${CLI_NAME} ${version}: the command line of mirkit (music information retrieval toolkit)`,
    '',
    `Usage: ${CLI_NAME} <command> [options]`,
    '',
    'Commands:',
    ...formatTable(rows, '  '),
    '',
    GLOBAL_OPTIONS,
    '',
    `Run '${CLI_NAME} <command> --help' for the usage of a command.`,
  ].join('\n');
}

function groupHelp(name: string, group: CommandGroup): string {
  return [
    `Usage: ${CLI_NAME} ${name} <command> [options]`,
    '',
    `${group.title}:`,
    ...formatTable(
      [...group.commands].map(([cmd, c]) => [cmd, c.summary]),
      '  ',
    ),
    '',
    `Run '${CLI_NAME} ${name} <command> --help' for the usage of a command.`,
  ].join('\n');
}

/** Node's parseArgs errors (`ERR_PARSE_ARGS_*`) become usage errors that point at the command's help. */
function withUsageHint(error: unknown, path: string): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (!(error instanceof Error) || typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS_'))
    return error;
  const message = error.message.replace(/\. To specify a positional argument.*$/s, '');
  return new UsageError(`${message}. Run '${path} --help' for usage`, {
    code: code as MirErrorCode,
    cause: error,
  });
}

function available(table: CommandTable): string {
  return [...table.leaves.keys(), ...table.groups.keys()].join(', ');
}

type Resolved =
  { help: string; toStderr: boolean } | { command: AnyCommand; commandArgs: string[]; path: string };

/** Finds the command the words at the start of `rest` name, or the help text to print instead. Throws usage errors. */
function resolveCommand(
  table: CommandTable,
  registry: Registry,
  reports: readonly PluginReport[],
  rest: readonly string[],
  help: boolean,
  version: string,
): Resolved {
  const [word, sub] = rest;
  if (word === undefined || word.startsWith('-')) {
    if (word !== undefined)
      throw new UsageError(`Unknown option '${word}'. Run '${CLI_NAME} --help' for usage`);
    // No command: help on stdout when asked for, else on stderr with the usage status.
    return { help: rootHelp(table, version), toStderr: !help };
  }
  const leaf = table.leaves.get(word);
  if (leaf) return { command: leaf, commandArgs: rest.slice(1), path: `${CLI_NAME} ${word}` };
  const group = table.groups.get(word);
  if (group) {
    const names = [...group.commands.keys()].join(', ');
    if (sub === undefined || sub.startsWith('-')) {
      if (help) return { help: groupHelp(word, group), toStderr: false };
      throw new UsageError(`Missing a command after '${CLI_NAME} ${word}'. Available: ${names}`);
    }
    const command = group.commands.get(sub);
    if (!command)
      throw new UsageError(`Unknown command '${CLI_NAME} ${word} ${sub}'. Available: ${names}`, {
        code: 'ERR_UNKNOWN_COMMAND',
      });
    return { command, commandArgs: rest.slice(2), path: `${CLI_NAME} ${word} ${sub}` };
  }
  if (registry.plugins().some((p) => p.name === word)) {
    const message = `Plugin '${word}' adds no commands`;
    if (help && sub === undefined)
      return {
        help: `${message}. Its registered entries are listed by '${CLI_NAME} plugins'.`,
        toStderr: false,
      };
    throw new UsageError(`${message}. Available commands: ${available(table)}`, {
      code: 'ERR_UNKNOWN_COMMAND',
    });
  }
  const failed = reports.find(
    (r) => r.status === 'failed' && r.packageName.replace(/^@[^/]+\//, '') === word,
  );
  const hint = failed ? ` (the plugin package ${failed.packageName} failed to load, see above)` : '';
  throw new UsageError(`Unknown command '${word}'${hint}. Available: ${available(table)}`, {
    code: 'ERR_UNKNOWN_COMMAND',
  });
}

async function collectCandidates(
  cwd: string,
  discover: boolean,
  options: readonly string[],
): Promise<PluginCandidate[]> {
  const found = discover ? await discoverPlugins({ cwd }) : [];
  const explicit: PluginCandidate[] = [];
  for (const option of options) explicit.push(await resolvePluginOption(option, { cwd }));
  return [...found, ...explicit];
}

/**
 * Runs the `mirkit` command line in-process and resolves to the exit status (0 ok, 1 runtime error, 2 usage error,
 * 130 aborted). Never throws: errors are printed on `stderr` as one line (`mirkit: <message> [CODE]`), with the
 * stack under `--verbose`.
 */
export async function runCli(argv: readonly string[], io: CliIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const cwd = io.cwd ?? process.cwd();
  let verbose = argv.includes('--verbose');
  try {
    const args = parseGlobalArgs(argv);
    verbose = args.verbose;
    const version = cliVersion();
    if (args.version) {
      writeLine(stdout, version);
      return EXIT.ok;
    }

    const registry = io.registry ?? new Registry();
    const reports = await loadPlugins(
      registry,
      await collectCandidates(cwd, io.discover ?? true, args.plugins),
    );
    for (const report of reports) {
      if (report.status !== 'failed') continue;
      if (report.origin === 'option') throw report.error;
      writeLine(stderr, formatErrorLine(report.error, `${CLI_NAME}: plugin skipped: `));
      if (verbose) writeLine(stderr, formatErrorDetail(report.error));
    }
    const table = buildTable(registry, reports, stderr, verbose);

    const target = resolveCommand(table, registry, reports, args.rest, args.help, version);
    if ('help' in target) {
      writeLine(target.toStderr ? stderr : stdout, target.help);
      return target.toStderr ? EXIT.usage : EXIT.ok;
    }
    const { command, commandArgs, path } = target;
    if (args.help) {
      writeLine(stdout, command.usage.trimEnd());
      return EXIT.ok;
    }

    const context: CliCommandContext = {
      argv: commandArgs,
      registry,
      cwd,
      stdout,
      stderr,
      verbose,
      json: args.json,
      signal: io.signal ?? new AbortController().signal,
      plugins: reports,
    };
    try {
      const status = await command.run(context);
      return typeof status === 'number' ? status : EXIT.ok;
    } catch (error) {
      throw withUsageHint(error, path);
    }
  } catch (error) {
    return reportError(stderr, error, verbose);
  }
}
