import { basename, extname } from 'node:path';
import { describeError, isMirError, RegistryError, type Plugin, type Registry } from '@mirkit/core';
import { camelCaseName, type PluginCandidate, type PluginOrigin } from './discover-plugins.js';

/** What happened to one plugin candidate. */
export interface PluginReport {
  /** npm package name, or the module as given to `--plugin`. */
  readonly packageName: string;
  /** Plugin version, else the package version. */
  readonly version: string | undefined;
  readonly origin: PluginOrigin;
  readonly path: string;
  /** Export the factory was taken from. */
  readonly exportName: string | undefined;
  readonly status: 'loaded' | 'failed';
  /** The plugin's name (the namespace of its entries) once loaded. */
  readonly plugin?: string;
  /** Why it failed (a `MirError` with code `ERR_PLUGIN_LOAD`, or the registry's error). */
  readonly error?: unknown;
}

function isPlugin(value: unknown): value is Plugin {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Plugin).name === 'string' &&
    typeof (value as Plugin).setup === 'function'
  );
}

function describeExports(mod: Record<string, unknown>): string {
  const names = Object.keys(mod).filter((k) => k !== 'default' && k !== '__esModule');
  if (names.length === 0) return 'none';
  return names.length > 8 ? `${names.slice(0, 8).join(', ')}, … ${names.length - 8} more` : names.join(', ');
}

function pickFactory(
  mod: Record<string, unknown>,
  candidate: PluginCandidate,
): { exportName: string; value: unknown } {
  if (candidate.exportName !== undefined) {
    if (mod[candidate.exportName] === undefined) {
      throw new RegistryError(
        'ERR_PLUGIN_LOAD',
        `${candidate.packageName} does not export a plugin factory named '${candidate.exportName}' (exports: ${describeExports(mod)})`,
      );
    }
    return { exportName: candidate.exportName, value: mod[candidate.exportName] };
  }
  // A module file given to --plugin: `my-plugin.js` → `myPlugin`, else its only exported function or plugin object.
  const guess = camelCaseName(basename(candidate.path, extname(candidate.path)));
  if (mod[guess] !== undefined) return { exportName: guess, value: mod[guess] };
  const usable = Object.entries(mod).filter(
    ([k, v]) => k !== 'default' && (typeof v === 'function' || isPlugin(v)),
  );
  if (usable.length === 1) return { exportName: usable[0]![0], value: usable[0]![1] };
  throw new RegistryError(
    'ERR_PLUGIN_LOAD',
    `Cannot tell which export of ${candidate.packageName} is the plugin factory (exports: ${describeExports(mod)}); name it as '${candidate.packageName}#<export>'`,
  );
}

async function loadOne(registry: Registry, candidate: PluginCandidate): Promise<PluginReport> {
  const base = { packageName: candidate.packageName, origin: candidate.origin, path: candidate.path };
  let exportName = candidate.exportName;
  try {
    let mod: Record<string, unknown>;
    try {
      mod = (await import(candidate.specifier)) as Record<string, unknown>;
    } catch (error) {
      throw new RegistryError(
        'ERR_PLUGIN_LOAD',
        `Cannot import ${candidate.packageName}: ${describeError(error)}`,
        { cause: error },
      );
    }
    const picked = pickFactory(mod, candidate);
    exportName = picked.exportName;
    let plugin: unknown;
    try {
      plugin = typeof picked.value === 'function' ? await (picked.value as () => unknown)() : picked.value;
    } catch (error) {
      throw new RegistryError(
        'ERR_PLUGIN_LOAD',
        `${candidate.packageName}: ${exportName}() threw ${describeError(error)}`,
        { cause: error },
      );
    }
    if (!isPlugin(plugin)) {
      throw new RegistryError(
        'ERR_PLUGIN_LOAD',
        `${candidate.packageName}: ${exportName} is not a plugin factory (expected it to return { name, setup() })`,
      );
    }
    if (registry.plugins().some((p) => p.name === plugin.name)) {
      throw new RegistryError(
        'ERR_DUPLICATE_REGISTRATION',
        `${candidate.packageName}: a plugin named '${plugin.name}' is already registered`,
      );
    }
    try {
      registry.use(plugin);
    } catch (error) {
      if (isMirError(error)) throw error;
      throw new RegistryError(
        'ERR_PLUGIN_LOAD',
        `${candidate.packageName}: setup() of plugin '${plugin.name}' threw ${describeError(error)}`,
        { cause: error },
      );
    }
    return {
      ...base,
      version: plugin.version ?? candidate.version,
      exportName,
      status: 'loaded',
      plugin: plugin.name,
    };
  } catch (error) {
    return { ...base, version: candidate.version, exportName, status: 'failed', error };
  }
}

/**
 * Imports each candidate (in parallel), calls its plugin factory and `registry.use()`s the plugin (in order).
 * Never throws: a candidate that fails is returned with `status: 'failed'` and the error.
 */
export async function loadPlugins(
  registry: Registry,
  candidates: readonly PluginCandidate[],
): Promise<PluginReport[]> {
  // Start every import at once, then register in the candidates' order so registration is deterministic.
  const imports = candidates.map((c) =>
    import(c.specifier).then(
      () => undefined,
      () => undefined,
    ),
  );
  await Promise.all(imports);
  const reports: PluginReport[] = [];
  for (const candidate of candidates) reports.push(await loadOne(registry, candidate));
  return reports;
}
