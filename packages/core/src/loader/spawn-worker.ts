import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { ConfigError } from '../errors.js';

/** Flags every DataLoader worker runs with: ESM resolution of plugin specifiers from the user's project. */
const BASE_EXEC_ARGV = ['--experimental-import-meta-resolve'];

/** URL of this module, in the ESM build, the CJS build (tsup shims) and from source. */
function here(): string {
  // `__filename` exists in the CJS build and under vitest; the ESM build and tsx use `import.meta.url`.
  return typeof __filename === 'string' ? pathToFileURL(__filename).href : import.meta.url;
}

/** `--conditions` flags of this process, so workers resolve packages the way the main thread does. */
function inheritedConditions(): string[] {
  const out: string[] = [];
  const argv = process.execArgv;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--conditions=') || (a.startsWith('-C') && a.length > 2)) out.push(a);
    else if ((a === '--conditions' || a === '-C') && argv[i + 1] !== undefined) out.push(a, argv[++i]!);
  }
  return out;
}

let cached: { url: string; source: boolean } | undefined;

/**
 * Where the worker entry is. Built package: `data-loader-worker.js` beside the bundle (or one folder up, for
 * bundles in sub-folders); the ESM build is used from both the ESM and the CJS bundle, because only ESM keeps
 * `import()` of file URLs and ESM-only plugins. Source (vitest, tsx): `worker-entry.ts` next to this file.
 */
export function workerEntry(): { url: string; source: boolean } {
  if (cached) return cached;
  const self = here();
  if (/\.[cm]?ts$/.test(fileURLToPath(self))) {
    cached = { url: new URL('./worker-entry.ts', self).href, source: true };
    return cached;
  }
  const dir = dirname(fileURLToPath(self));
  for (const candidate of [join(dir, 'data-loader-worker.js'), join(dir, '..', 'data-loader-worker.js')]) {
    if (existsSync(candidate)) {
      cached = { url: pathToFileURL(candidate).href, source: false };
      return cached;
    }
  }
  throw new ConfigError('ERR_INVALID_OPTION', `DataLoader worker entry 'data-loader-worker.js' not found next to ${fileURLToPath(self)}: is @mirkit/core installed completely?`);
}

/** tsx's ESM API (`tsx/esm/api`, import condition), resolved from core's folder; used only when running from source. */
function tsxEsmApi(from: string): string {
  const require = createRequire(fileURLToPath(from));
  let pkgPath: string;
  try {
    pkgPath = require.resolve('tsx/package.json');
  } catch (error) {
    throw new ConfigError('ERR_INVALID_OPTION', 'Running DataLoader workers from TypeScript sources needs the tsx package (a devDependency of @mirkit/core); build the package or install tsx', { cause: error });
  }
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { exports?: Record<string, { import?: { default?: string } | string }> };
  const entry = pkg.exports?.['./esm/api']?.import;
  const rel = typeof entry === 'string' ? entry : (entry?.default ?? './dist/esm/api/index.mjs');
  return pathToFileURL(join(dirname(pkgPath), rel)).href;
}

/**
 * Starts one DataLoader worker thread with `workerData`. From source, the worker first registers tsx (Node 20
 * ignores `--import` in a worker's `execArgv`) and resolves workspace packages through the `@mirkit/source`
 * condition.
 */
export function spawnWorker(workerData: unknown, options: Pick<WorkerOptions, 'resourceLimits' | 'name'> = {}): Worker {
  const entry = workerEntry();
  return startWorker(entry.url, workerData, options);
}

/** @internal Starts a worker thread on any module URL; `.ts` modules run through tsx (tests use this directly). */
export function startWorker(url: string, workerData: unknown, options: Pick<WorkerOptions, 'resourceLimits' | 'name'> = {}): Worker {
  const execArgv = [...BASE_EXEC_ARGV, ...inheritedConditions()];
  if (!/\.[cm]?ts$/.test(url)) return new Worker(new URL(url), { ...options, workerData, execArgv });
  const api = tsxEsmApi(here());
  if (!execArgv.some((a) => a.includes('@mirkit/source'))) execArgv.push('--conditions=@mirkit/source');
  const bootstrap = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url)}); });`;
  return new Worker(bootstrap, { ...options, eval: true, workerData, execArgv });
}
