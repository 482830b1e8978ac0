import { parseArgs } from 'node:util';
import type { Kind } from '@mirkit/core';
import type { CliCommand, CliCommandContext } from '../cli-command.js';
import { errorCode, formatErrorLine, formatTable, printJson, writeLine } from '../output.js';

interface RegisteredPlugin {
  name: string;
  version: string | undefined;
  package: string | undefined;
  entries: Partial<Record<Kind, string[]>>;
}

function collect(context: CliCommandContext) {
  const installed = context.plugins.map((r) => ({
    package: r.packageName,
    version: r.version ?? null,
    origin: r.origin,
    path: r.path,
    export: r.exportName ?? null,
    status: r.status,
    plugin: r.plugin ?? null,
    error:
      r.status === 'failed'
        ? { code: errorCode(r.error), message: r.error instanceof Error ? r.error.message : String(r.error) }
        : null,
  }));
  const registered = new Map<string, RegisteredPlugin>();
  for (const p of context.registry.plugins()) {
    const report = context.plugins.find((r) => r.plugin === p.name);
    registered.set(p.name, {
      name: p.name,
      version: p.version ?? report?.version,
      package: report?.packageName,
      entries: {},
    });
  }
  for (const e of context.registry.entries()) {
    const key = e.plugin ?? '';
    let plugin = registered.get(key);
    if (!plugin) {
      plugin = { name: key, version: undefined, package: undefined, entries: {} };
      registered.set(key, plugin);
    }
    (plugin.entries[e.kind] ??= []).push(e.name);
  }
  return { installed, registered: [...registered.values()] };
}

/** `mirkit plugins`: installed plugin packages and registered plugins with their entries. */
export const pluginsCommand: CliCommand = {
  summary: 'List installed plugin packages and registered plugins with their entries',
  usage: `Usage: mirkit plugins [--json]

Lists the plugin packages found beside the CLI, in the current project's node_modules and through --plugin
(with version, origin and load status), then every registered plugin with its entries per kind.

Options:
  --json      Print { installed: [...], registered: [...] } as JSON
  -h, --help  Show this help`,
  run(context) {
    parseArgs({ args: [...context.argv], options: {}, allowPositionals: false, strict: true });
    const data = collect(context);
    if (context.json) {
      printJson(context.stdout, {
        installed: data.installed,
        registered: data.registered.map((p) => ({
          name: p.name || null,
          version: p.version ?? null,
          package: p.package ?? null,
          entries: p.entries,
        })),
      });
      return 0;
    }
    writeLine(context.stdout, 'Installed plugin packages:');
    if (data.installed.length === 0) writeLine(context.stdout, '  (none)');
    const rows = context.plugins.map((r) => [
      r.packageName,
      r.version ?? '-',
      r.origin,
      r.status,
      r.status === 'loaded' ? `plugin '${r.plugin ?? ''}'` : formatErrorLine(r.error, ''),
    ]);
    for (const line of formatTable(rows, '  ')) writeLine(context.stdout, line);
    writeLine(context.stdout);
    writeLine(context.stdout, 'Registered plugins:');
    if (data.registered.length === 0) writeLine(context.stdout, '  (none)');
    for (const p of data.registered) {
      const from = p.package ? ` (${p.package})` : '';
      writeLine(
        context.stdout,
        `  ${p.name || '(entries registered outside a plugin)'}${p.version ? ` ${p.version}` : ''}${from}`,
      );
      const kinds = Object.entries(p.entries);
      if (kinds.length === 0) writeLine(context.stdout, '    (no entries)');
      for (const line of formatTable(
        kinds.map(([kind, names]) => [`${kind}:`, names.join(', ')]),
        '    ',
      ))
        writeLine(context.stdout, line);
    }
    return 0;
  },
};
