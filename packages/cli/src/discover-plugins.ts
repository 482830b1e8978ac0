import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { RegistryError } from '@mirkit/core';
import { readPackageJson, resolvePackageEntry, type PackageJson } from './package-entry.js';

/** The plugin packages the CLI ships with, in registration order, with their factory export names. */
export const KNOWN_PLUGINS: readonly (readonly [packageName: string, exportName: string])[] = [
  ['@mirkit/core', 'core'],
  ['@mirkit/audio', 'audio'],
  ['@mirkit/sousa', 'sousa'],
  ['@mirkit/beatnet', 'beatnet'],
  ['@mirkit/miditok', 'miditok'],
  ['@mirkit/mir-tutorial', 'mirTutorial'],
];

/** Where a plugin candidate was found. */
export type PluginOrigin = 'cli' | 'project' | 'option';

/** A module that should export a plugin factory. */
export interface PluginCandidate {
  /** npm package name, or the module as given to `--plugin`. */
  readonly packageName: string;
  readonly version: string | undefined;
  /** `cli`: a dependency of the CLI; `project`: installed in the working directory's project; `option`: `--plugin`. */
  readonly origin: PluginOrigin;
  /** Package directory or module file. */
  readonly path: string;
  /** What is passed to `import()`. */
  readonly specifier: string;
  /** Export holding the plugin factory; undefined = infer it from the module (files given to `--plugin`). */
  readonly exportName: string | undefined;
}

export interface DiscoverPluginsOptions {
  /** The project directory whose `node_modules` (and those of its ancestors) are searched. */
  cwd: string;
  /** Directory from which the CLI's own dependencies are resolved (default: this module's directory). */
  cliDir?: string;
}

/** `mir-tutorial` → `mirTutorial`, `@mirkit/foo-bar` → `fooBar`. */
export function camelCaseName(name: string): string {
  const unscoped = name.startsWith('@') ? name.slice(name.indexOf('/') + 1) : name;
  return unscoped
    .replace(/[-_.]+([a-z0-9])/gi, (_, c: string) => c.toUpperCase())
    .replace(/[^A-Za-z0-9_$]/g, '');
}

/** The export name a package's plugin factory lives under: `"mirkit": { "plugin": … }` or the camelCased name. */
export function pluginExportName(name: string, pkg: PackageJson): string {
  const declared = pkg.mirkit?.plugin;
  return typeof declared === 'string' && declared !== '' ? declared : camelCaseName(name);
}

/** `node_modules` folders Node would search from `start`, nearest first. */
export function nodeModulesChain(start: string): string[] {
  const out: string[] = [];
  let dir = resolve(start);
  for (;;) {
    if (basename(dir) !== 'node_modules') out.push(join(dir, 'node_modules'));
    const parent = dirname(dir);
    if (parent === dir) return out;
    dir = parent;
  }
}

function isPluginPackage(name: string, pkg: PackageJson): boolean {
  if (name === '@mirkit/cli' || pkg.private === true) return false;
  if (name.startsWith('@mirkit/')) return true;
  return Array.isArray(pkg.keywords) && pkg.keywords.includes('mirkit-plugin');
}

interface Found {
  readonly dir: string;
  readonly pkg: PackageJson;
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}

/** Plugin packages in the given `node_modules` folders; the first folder that has a package wins. */
async function scanChain(chain: readonly string[]): Promise<Map<string, Found>> {
  const found = new Map<string, Found>();
  for (const nodeModules of chain) {
    const names: string[] = [];
    for (const entry of await listDir(nodeModules)) {
      if (entry.startsWith('.')) continue;
      if (entry.startsWith('@')) {
        for (const sub of await listDir(join(nodeModules, entry)))
          if (!sub.startsWith('.')) names.push(`${entry}/${sub}`);
      } else {
        names.push(entry);
      }
    }
    const pkgs = await Promise.all(
      names.map((name) => (found.has(name) ? undefined : readPackageJson(join(nodeModules, name)))),
    );
    names.forEach((name, i) => {
      const pkg = pkgs[i];
      if (pkg && pkg.name === name && isPluginPackage(name, pkg))
        found.set(name, { dir: join(nodeModules, name), pkg });
    });
  }
  return found;
}

async function samePath(a: string, b: string): Promise<boolean> {
  try {
    return (await realpath(a)) === (await realpath(b));
  } catch {
    return false;
  }
}

/** The directory of this module (shimmed in the CJS build). */
export function cliModuleDir(): string {
  return dirname(fileURLToPath(import.meta.url));
}

/**
 * Finds the installed mirkit plugins: the packages the CLI ships with ({@link KNOWN_PLUGINS}) and every other
 * package named `@mirkit/*` or with the keyword `mirkit-plugin`, in the `node_modules` of the CLI itself and of the
 * project at `cwd`. When both have a package, the project's copy wins. Private packages and `@mirkit/cli` are skipped.
 * Order: the known plugins first, then the others by name.
 */
export async function discoverPlugins(options: DiscoverPluginsOptions): Promise<PluginCandidate[]> {
  const cliDir = options.cliDir ?? cliModuleDir();
  const [fromProject, fromCli] = await Promise.all([
    scanChain(nodeModulesChain(options.cwd)),
    scanChain(nodeModulesChain(cliDir)),
  ]);
  const rank = (name: string) => {
    const i = KNOWN_PLUGINS.findIndex(([known]) => known === name);
    return i === -1 ? KNOWN_PLUGINS.length : i;
  };
  const names = [...new Set([...fromProject.keys(), ...fromCli.keys()])].sort(
    (a, b) => rank(a) - rank(b) || a.localeCompare(b),
  );
  const out: PluginCandidate[] = [];
  for (const name of names) {
    const project = fromProject.get(name);
    const cli = fromCli.get(name);
    const useProject =
      project !== undefined && (cli === undefined || !(await samePath(project.dir, cli.dir)));
    const found = (useProject ? project : cli)!;
    const entry = useProject ? resolvePackageEntry(found.dir, found.pkg) : undefined;
    out.push({
      packageName: name,
      version: found.pkg.version,
      origin: useProject ? 'project' : 'cli',
      path: found.dir,
      // A CLI dependency is imported by name so the runtime resolves it the usual way; a project package by file.
      specifier: useProject ? (entry ? pathToFileURL(entry).href : found.dir) : name,
      exportName: pluginExportName(name, found.pkg),
    });
  }
  return out;
}

function isPathLike(spec: string): boolean {
  return spec.startsWith('.') || isAbsolute(spec) || spec.startsWith('file:');
}

/**
 * Resolves a `--plugin` argument: a file or directory path (relative to `cwd`) or a package name found from `cwd`
 * or the CLI, optionally followed by `#exportName`. Throws `ERR_PLUGIN_LOAD` when nothing is found.
 */
export async function resolvePluginOption(
  option: string,
  options: DiscoverPluginsOptions,
): Promise<PluginCandidate> {
  const hash = option.lastIndexOf('#');
  const spec = hash > 0 ? option.slice(0, hash) : option;
  const explicitExport = hash > 0 ? option.slice(hash + 1) : undefined;
  if (spec === '' || explicitExport === '') {
    throw new RegistryError(
      'ERR_PLUGIN_LOAD',
      `Invalid --plugin '${option}': expected <path|package>[#exportName]`,
      { details: { usage: true } },
    );
  }
  const base = { packageName: option, origin: 'option' as const };
  if (isPathLike(spec)) {
    const file = spec.startsWith('file:') ? fileURLToPath(spec) : resolve(options.cwd, spec);
    const info = await stat(file).catch(() => undefined);
    if (!info)
      throw new RegistryError('ERR_PLUGIN_LOAD', `Cannot load plugin '${option}': ${file} does not exist`, {
        details: { file },
      });
    if (info.isDirectory()) {
      const pkg = await readPackageJson(file);
      const entry = pkg ? resolvePackageEntry(file, pkg) : join(file, 'index.js');
      if (!entry)
        throw new RegistryError(
          'ERR_PLUGIN_LOAD',
          `Cannot load plugin '${option}': ${join(file, 'package.json')} exports no "." entry`,
        );
      const exportName = explicitExport ?? (pkg?.name ? pluginExportName(pkg.name, pkg) : undefined);
      return { ...base, version: pkg?.version, path: file, specifier: pathToFileURL(entry).href, exportName };
    }
    return {
      ...base,
      version: undefined,
      path: file,
      specifier: pathToFileURL(file).href,
      exportName: explicitExport,
    };
  }
  const cliDir = options.cliDir ?? cliModuleDir();
  for (const nodeModules of [...nodeModulesChain(options.cwd), ...nodeModulesChain(cliDir)]) {
    const dir = join(nodeModules, spec);
    const pkg = await readPackageJson(dir);
    if (!pkg) continue;
    const entry = resolvePackageEntry(dir, pkg);
    if (!entry)
      throw new RegistryError(
        'ERR_PLUGIN_LOAD',
        `Cannot load plugin '${option}': ${join(dir, 'package.json')} exports no "." entry`,
      );
    return {
      ...base,
      version: pkg.version,
      path: dir,
      specifier: pathToFileURL(entry).href,
      exportName: explicitExport ?? pluginExportName(spec, pkg),
    };
  }
  throw new RegistryError(
    'ERR_PLUGIN_LOAD',
    `Cannot load plugin '${option}': no package '${spec}' is installed in ${options.cwd} or beside the CLI`,
    {
      details: { package: spec },
    },
  );
}
