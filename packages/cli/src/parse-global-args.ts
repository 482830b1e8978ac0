import { UsageError } from './usage-error.js';

/** Options the `mirkit` binary handles itself, wherever they appear on the command line. */
export interface GlobalArgs {
  help: boolean;
  /** `--version` before any command word. */
  version: boolean;
  json: boolean;
  verbose: boolean;
  /** `--plugin <module>` values, in order. */
  plugins: string[];
  /** Everything else, in order: command words first, then the command's own arguments. */
  rest: string[];
}

/**
 * Splits the command line into global options and the rest. `-h/--help`, `--json`, `--verbose` and
 * `--plugin <module>` are recognised anywhere before `--` and removed; `--version` only before the command.
 */
export function parseGlobalArgs(argv: readonly string[]): GlobalArgs {
  const out: GlobalArgs = { help: false, version: false, json: false, verbose: false, plugins: [], rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      out.rest.push(...argv.slice(i));
      break;
    }
    if (arg === '-h' || arg === '--help') out.help = true;
    else if (arg === '--json') out.json = true;
    else if (arg === '--verbose') out.verbose = true;
    else if (arg === '--version' && out.rest.length === 0) out.version = true;
    else if (arg === '--plugin' || arg.startsWith('--plugin=')) {
      const value = arg === '--plugin' ? argv[++i] : arg.slice('--plugin='.length);
      if (value === undefined || value === '' || value.startsWith('-')) {
        throw new UsageError("Option '--plugin <module>' needs a value: a module path or package name");
      }
      out.plugins.push(value);
    } else out.rest.push(arg);
  }
  return out;
}
