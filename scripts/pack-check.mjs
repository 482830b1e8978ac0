#!/usr/bin/env node
/* global process, console */
// Pack-and-install check: proves that what we would publish works for a user who installs only what they need.
//
// 1. Packs every package under packages/ with `pnpm pack` (workspace: ranges are rewritten to real ranges) and checks
//    each tarball: no `workspace:` specifier left, every file named by `exports`/`main`/`types`/`bin` is inside.
// 2. Creates an empty temporary project and `npm install`s ONLY the @mirkit/core tarball and one plugin tarball
//    (their third-party dependencies come from the npm registry).
// 3. Uses them for real from an ESM script and from a CJS script (registry.use(plugin), registry.create a loader,
//    write and read back a .npy file), and checks that the brand-based isMirError works across the ESM and CJS copies
//    of core and that both copies share one defaultRegistry.
//
// Needs built packages (run after `pnpm build`). Prints one summary line; exits non-zero with a clear message on any
// failure. Removes its temporary directory in all cases.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const PLUGIN = { name: '@mirkit/audio', factory: 'audio' };
const started = Date.now();

class CheckError extends Error {}

function fail(message) {
  throw new CheckError(message);
}

function run(cmd, args, cwd, what) {
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) fail(`${what}: cannot run ${cmd}: ${r.error.message}`);
  if (r.status !== 0) {
    const output = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    fail(`${what} failed (exit ${r.status}):\n${output}`);
  }
  return r.stdout;
}

/** Every file path named by a package.json's exports (all conditions), main, module, types and bin. */
function declaredFiles(pkg) {
  const out = new Set();
  const visit = (v) => {
    if (typeof v === 'string') out.add(v);
    else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  const { exports, main, module, types, bin } = pkg;
  if (exports && typeof exports === 'object' && !Array.isArray(exports)) {
    for (const [key, value] of Object.entries(exports)) if (!key.includes('*')) visit(value);
  } else visit(exports);
  visit(main);
  visit(module);
  visit(types);
  visit(bin);
  return [...out].map((p) => p.replace(/^\.\//, ''));
}

function packAll(dest) {
  const packed = new Map();
  for (const dir of readdirSync(join(ROOT, 'packages')).sort()) {
    const pkgDir = join(ROOT, 'packages', dir);
    if (!existsSync(join(pkgDir, 'package.json'))) continue;
    const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
    if (pkg.private) continue;
    if (!existsSync(join(pkgDir, 'dist')))
      fail(`${pkg.name} is not built (${join(pkgDir, 'dist')} is missing): run pnpm build first`);
    const stdout = run(
      'pnpm',
      ['pack', '--json', '--pack-destination', dest],
      pkgDir,
      `pnpm pack ${pkg.name}`,
    );
    let info;
    try {
      info = JSON.parse(stdout.slice(stdout.indexOf('{')));
    } catch {
      fail(`pnpm pack ${pkg.name}: cannot parse its --json output:\n${stdout.slice(0, 500)}`);
    }
    const manifest = JSON.parse(
      run(
        'tar',
        ['-xzOf', info.filename, 'package/package.json'],
        dest,
        `reading package.json from ${info.filename}`,
      ),
    );
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
      for (const [dep, range] of Object.entries(manifest[field] ?? {})) {
        if (String(range).startsWith('workspace:'))
          fail(`${pkg.name}: packed ${field}.${dep} is still '${range}'`);
      }
    }
    const files = new Set(info.files.map((f) => f.path));
    const missing = declaredFiles(manifest).filter((f) => !files.has(f));
    if (missing.length)
      fail(`${pkg.name}: the tarball lacks files its package.json points to: ${missing.join(', ')}`);
    if ([...files].some((f) => /\.test\.ts$/.test(f))) fail(`${pkg.name}: the tarball ships test files`);
    packed.set(pkg.name, { tarball: info.filename, version: manifest.version });
  }
  return packed;
}

const ESM_SCRIPT = `
import assert from 'node:assert/strict';
import { Registry, core, isMirError, readNpy, writeNpy } from '@mirkit/core';
import { ${PLUGIN.factory} } from '${PLUGIN.name}';

const registry = new Registry().use(core()).use(${PLUGIN.factory}());
assert.deepEqual(registry.plugins().map((p) => p.name), ['core', '${PLUGIN.factory}']);
const dataset = await registry.create('loader', 'core/synthetic', { length: 4, shape: [2, 8], numClasses: 3, seed: 7 });
assert.equal(dataset.length, 4);
const item = await dataset.get(2);
await writeNpy('esm.npy', item.features);
const back = await readNpy('esm.npy');
assert.deepEqual(back.shape, [2, 8]);
assert.equal(back.dtype, 'float32');
assert.deepEqual(back.data, item.features.data);
let error;
try {
  await registry.create('loader', '${PLUGIN.factory}/no-such-loader', {});
} catch (e) {
  error = e;
}
assert.ok(isMirError(error) && error.code === 'ERR_NOT_REGISTERED', 'unknown loader should throw ERR_NOT_REGISTERED');
assert.match(error.message, /Available: .*core\\/synthetic/);
console.log(JSON.stringify({ entries: registry.entries().length }));
`;

const CJS_SCRIPT = `
const assert = require('node:assert/strict');
const { Registry, core, isMirError, readNpy, writeNpy } = require('@mirkit/core');
const { ${PLUGIN.factory} } = require('${PLUGIN.name}');

(async () => {
  const registry = new Registry().use(core()).use(${PLUGIN.factory}());
  assert.deepEqual(registry.plugins().map((p) => p.name), ['core', '${PLUGIN.factory}']);
  const dataset = await registry.create('loader', 'core/synthetic', { length: 4, shape: [8], numClasses: 3, seed: 7 });
  const item = await dataset.get(3);
  await writeNpy('cjs.npy', item.features);
  const back = await readNpy('cjs.npy');
  assert.deepEqual(back.shape, [8]);
  assert.deepEqual(back.data, item.features.data);
  // The same bytes as the ESM build reads: the .npy written from ESM parses here too.
  assert.deepEqual((await readNpy('esm.npy')).shape, [2, 8]);
  assert.throws(() => registry.get('loader', 'nope/x'), (e) => isMirError(e) && e.code === 'ERR_NOT_REGISTERED');
  console.log(JSON.stringify({ entries: registry.entries().length }));
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
`;

const CROSS_SCRIPT = `
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as esm from '@mirkit/core';
import * as esmPlugin from '${PLUGIN.name}';

const require = createRequire(import.meta.url);
const cjs = require('@mirkit/core');
const cjsPlugin = require('${PLUGIN.name}');
assert.notEqual(esm.Registry, cjs.Registry, 'expected two module instances of core (ESM and CJS builds)');
assert.equal(esm.defaultRegistry, cjs.defaultRegistry, 'ESM and CJS copies of core must share one defaultRegistry');
const fromCjs = new cjs.RegistryError('ERR_NOT_REGISTERED', 'from the CJS copy');
const fromEsm = new esm.ConfigError('ERR_INVALID_OPTION', 'from the ESM copy');
assert.ok(esm.isMirError(fromCjs), 'ESM isMirError must accept an error from the CJS copy');
assert.ok(cjs.isMirError(fromEsm), 'CJS isMirError must accept an error from the ESM copy');
assert.ok(!esm.isMirError(new Error('plain')), 'isMirError must reject a plain Error');
// A plugin from one build registers into the shared default registry through the other build's copy.
esm.defaultRegistry.use(cjs.core()).use(esmPlugin.${PLUGIN.factory}());
cjs.defaultRegistry.use(cjsPlugin.${PLUGIN.factory}()); // same name: idempotent no-op
assert.deepEqual(cjs.defaultRegistry.plugins().map((p) => p.name), ['core', '${PLUGIN.factory}']);
assert.ok(esm.defaultRegistry.has('loader', 'core/synthetic'));
console.log(JSON.stringify({ instanceofAcrossCopies: fromCjs instanceof esm.MirError }));
`;

function main() {
  const tmp = mkdtempSync(join(tmpdir(), 'mirkit-pack-check-'));
  try {
    const tarballs = join(tmp, 'tarballs');
    mkdirSync(tarballs);
    const packed = packAll(tarballs);
    for (const name of ['@mirkit/core', PLUGIN.name])
      if (!packed.has(name)) fail(`${name} was not packed (is it under packages/?)`);

    const project = join(tmp, 'project');
    mkdirSync(project);
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'mirkit-pack-check', version: '0.0.0', private: true }, null, 2),
    );
    run(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--offline=false',
        '--loglevel=error',
        packed.get('@mirkit/core').tarball,
        packed.get(PLUGIN.name).tarball,
      ],
      project,
      `npm install of @mirkit/core and ${PLUGIN.name} from their tarballs`,
    );
    const scoped = readdirSync(join(project, 'node_modules', '@mirkit')).sort();
    const expected = ['core', PLUGIN.name.split('/')[1]].sort();
    if (JSON.stringify(scoped) !== JSON.stringify(expected))
      fail(`expected only @mirkit/{${expected}} installed, found @mirkit/{${scoped}}`);

    writeFileSync(join(project, 'esm.mjs'), ESM_SCRIPT);
    writeFileSync(join(project, 'cjs.cjs'), CJS_SCRIPT);
    writeFileSync(join(project, 'cross.mjs'), CROSS_SCRIPT);
    const esm = JSON.parse(run('node', ['esm.mjs'], project, 'the ESM usage script'));
    const cjs = JSON.parse(run('node', ['cjs.cjs'], project, 'the CJS usage script'));
    const cross = JSON.parse(run('node', ['cross.mjs'], project, 'the ESM/CJS cross-copy script'));

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const versions = [...['@mirkit/core', PLUGIN.name]]
      .map((n) => `${n}@${packed.get(n).version}`)
      .join(' + ');
    console.log(
      `pack-check: ok — packed ${packed.size} packages; installed only ${versions} from tarballs; ESM ok (${esm.entries} entries), ` +
        `CJS ok (${cjs.entries} entries), isMirError across ESM/CJS ok (instanceof: ${cross.instanceofAcrossCopies}), one defaultRegistry; ${seconds}s`,
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

try {
  main();
} catch (error) {
  const message = error instanceof CheckError ? error.message : (error?.stack ?? String(error));
  console.error(`pack-check: FAILED — ${message}`);
  process.exit(1);
}
