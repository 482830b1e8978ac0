import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Registry } from '@mirkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { camelCaseName, discoverPlugins, nodeModulesChain, resolvePluginOption } from './discover-plugins.js';
import { loadPlugins } from './load-plugins.js';

let root: string;
let project: string;
let lonelyCli: string;

async function addPackage(nodeModules: string, pkg: Record<string, unknown>, files: Record<string, string>) {
  const dir = join(nodeModules, pkg['name'] as string);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), JSON.stringify(pkg));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
}

const pluginSource = (exportName: string, pluginName: string) => `
export function ${exportName}() {
  return { name: '${pluginName}', setup(registry) { registry.register('loader', '${pluginName}/numbers', ({ n }) => ({ length: n, get: (i) => ({ i }) })); } };
}
`;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'mirkit-discover-'));
  project = join(root, 'project');
  lonelyCli = join(root, 'cli-without-deps', 'dist');
  await mkdir(lonelyCli, { recursive: true });
  const nm = join(project, 'node_modules');
  // A scoped package: found by its scope, factory = camelCased unscoped name.
  await addPackage(
    nm,
    { name: '@mirkit/foo-bar', version: '1.0.0', type: 'module', exports: { '.': { import: './index.js' } } },
    { 'index.js': pluginSource('fooBar', 'foo-bar') },
  );
  // A third-party package: found by keyword, factory named in package.json.
  await addPackage(
    nm,
    {
      name: 'acme-mir',
      version: '2.1.0',
      type: 'module',
      keywords: ['mirkit-plugin'],
      main: 'main.js',
      mirkit: { plugin: 'acme' },
    },
    { 'main.js': pluginSource('acme', 'acme') },
  );
  // Skipped: private tooling, the CLI itself, unrelated packages.
  await addPackage(nm, { name: '@mirkit/tsconfig', version: '0.0.0', private: true }, {});
  await addPackage(nm, { name: '@mirkit/cli', version: '0.1.0' }, {});
  await addPackage(
    nm,
    { name: 'left-pad', version: '1.3.0', main: 'index.js' },
    { 'index.js': 'module.exports = 1;' },
  );
  // Broken plugins: one throws on import, one has no factory.
  await addPackage(
    nm,
    { name: '@mirkit/broken', version: '0.0.1', type: 'module', main: 'index.js' },
    { 'index.js': "throw new Error('boom at import');" },
  );
  await addPackage(
    nm,
    { name: '@mirkit/empty', version: '0.0.1', type: 'module', main: 'index.js' },
    { 'index.js': 'export const nothing = 1;' },
  );
  await writeFile(join(root, 'file-plugin.mjs'), pluginSource('filePlugin', 'file'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('discoverPlugins', () => {
  it('finds @mirkit/* and mirkit-plugin packages in the project and skips private ones and the CLI', async () => {
    const found = await discoverPlugins({ cwd: project, cliDir: lonelyCli });
    expect(found.map((c) => [c.packageName, c.version, c.origin, c.exportName])).toEqual([
      ['@mirkit/broken', '0.0.1', 'project', 'broken'],
      ['@mirkit/empty', '0.0.1', 'project', 'empty'],
      ['@mirkit/foo-bar', '1.0.0', 'project', 'fooBar'],
      ['acme-mir', '2.1.0', 'project', 'acme'],
    ]);
    expect(found[2]!.specifier).toBe(
      pathToFileURL(join(project, 'node_modules/@mirkit/foo-bar/index.js')).href,
    );
  });

  it('finds the plugins the CLI ships with, known ones first, imported by name', async () => {
    const found = await discoverPlugins({ cwd: root });
    const names = found.map((c) => c.packageName);
    expect(names.slice(0, 6)).toEqual([
      '@mirkit/core',
      '@mirkit/audio',
      '@mirkit/sousa',
      '@mirkit/beatnet',
      '@mirkit/miditok',
      '@mirkit/mir-tutorial',
    ]);
    expect(found.find((c) => c.packageName === '@mirkit/mir-tutorial')).toMatchObject({
      origin: 'cli',
      specifier: '@mirkit/mir-tutorial',
      exportName: 'mirTutorial',
    });
  });

  it('loads and registers good plugins and reports the broken ones without throwing', async () => {
    const registry = new Registry();
    const reports = await loadPlugins(registry, await discoverPlugins({ cwd: project, cliDir: lonelyCli }));
    expect(registry.plugins().map((p) => p.name)).toEqual(['foo-bar', 'acme']);
    expect(registry.names('loader')).toEqual(['acme/numbers', 'foo-bar/numbers']);
    const byName = Object.fromEntries(reports.map((r) => [r.packageName, r]));
    expect(byName['@mirkit/foo-bar']).toMatchObject({
      status: 'loaded',
      plugin: 'foo-bar',
      version: '1.0.0',
    });
    expect(byName['@mirkit/broken']).toMatchObject({
      status: 'failed',
      error: expect.objectContaining({
        code: 'ERR_PLUGIN_LOAD',
        message: 'Cannot import @mirkit/broken: Error: boom at import',
      }),
    });
    expect(byName['@mirkit/empty']).toMatchObject({
      status: 'failed',
      error: expect.objectContaining({
        code: 'ERR_PLUGIN_LOAD',
        message: "@mirkit/empty does not export a plugin factory named 'empty' (exports: nothing)",
      }),
    });
  });

  it('reports a second plugin with a name already registered', async () => {
    const registry = new Registry();
    const candidate = await resolvePluginOption('./file-plugin.mjs', { cwd: root, cliDir: lonelyCli });
    const reports = await loadPlugins(registry, [candidate, candidate]);
    expect(reports.map((r) => r.status)).toEqual(['loaded', 'failed']);
    expect(reports[1]!.error).toMatchObject({ code: 'ERR_DUPLICATE_REGISTRATION' });
  });
});

describe('resolvePluginOption', () => {
  it('resolves files (export inferred from the file name or given after #) and packages', async () => {
    const file = await resolvePluginOption('./file-plugin.mjs', { cwd: root, cliDir: lonelyCli });
    expect(file).toMatchObject({
      origin: 'option',
      exportName: undefined,
      specifier: pathToFileURL(join(root, 'file-plugin.mjs')).href,
    });
    const registry = new Registry();
    expect((await loadPlugins(registry, [file]))[0]).toMatchObject({
      status: 'loaded',
      exportName: 'filePlugin',
      plugin: 'file',
    });
    expect(
      await resolvePluginOption('./file-plugin.mjs#other', { cwd: root, cliDir: lonelyCli }),
    ).toMatchObject({ exportName: 'other' });
    expect(await resolvePluginOption('acme-mir', { cwd: project, cliDir: lonelyCli })).toMatchObject({
      version: '2.1.0',
      exportName: 'acme',
    });
  });

  it('throws a clear error for a module that is not there', async () => {
    await expect(resolvePluginOption('./missing.js', { cwd: root, cliDir: lonelyCli })).rejects.toThrow(
      `Cannot load plugin './missing.js': ${join(root, 'missing.js')} does not exist`,
    );
    await expect(resolvePluginOption('nope-pkg', { cwd: root, cliDir: lonelyCli })).rejects.toThrow(
      "no package 'nope-pkg' is installed",
    );
  });
});

describe('helpers', () => {
  it('camelCases package names and lists node_modules folders nearest first', () => {
    expect(camelCaseName('@mirkit/mir-tutorial')).toBe('mirTutorial');
    expect(camelCaseName('plain_name.js')).toBe('plainNameJs');
    expect(nodeModulesChain('/a/b')).toEqual(['/a/b/node_modules', '/a/node_modules', '/node_modules']);
    expect(nodeModulesChain('/a/node_modules/x')).toEqual([
      '/a/node_modules/x/node_modules',
      '/a/node_modules',
      '/node_modules',
    ]);
  });
});
