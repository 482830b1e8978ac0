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
function workerEntry(): { url: string; source: boolean } {
  if (cached) return cached;
  const self = here();
  if (isTypeScriptModule(fileURLToPath(self))) {
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

/**
 * tsx's ESM API (`tsx/esm/api`, import condition), resolved from the first of `froms` (file or directory paths or
 * URLs) that can see it.
 */
function tsxEsmApi(froms: readonly string[], why: string): string {
  let pkgPath: string | undefined;
  let failure: unknown;
  for (const from of froms) {
    const path = from.startsWith('file:') ? fileURLToPath(from) : from;
    try {
      pkgPath = createRequire(/\.[cm]?[jt]s$/.test(path) ? path : join(path, 'noop.js')).resolve('tsx/package.json');
      break;
    } catch (error) {
      failure = error;
    }
  }
  if (pkgPath === undefined) {
    throw new ConfigError('ERR_INVALID_OPTION', `${why} needs the tsx package in the worker threads: install tsx in your project, or point the spec at compiled JavaScript`, { cause: failure });
  }
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { exports?: Record<string, { import?: { default?: string } | string }> };
  const entry = pkg.exports?.['./esm/api']?.import;
  const rel = typeof entry === 'string' ? entry : (entry?.default ?? './dist/esm/api/index.mjs');
  return pathToFileURL(join(dirname(pkgPath), rel)).href;
}

const TS_FILE = /\.[cm]?ts$/;

/** True when a module specifier names a TypeScript file (`.ts`, `.mts`, `.cts`), which Node 20 cannot import alone. */
export function isTypeScriptModule(specifier: string): boolean {
  return TS_FILE.test(specifier.split(/[?#]/)[0]!);
}

export interface SpawnOptions extends Pick<WorkerOptions, 'resourceLimits' | 'name'> {
  /** Register tsx in the worker because a spec names a `.ts` module (tsx is looked up from `resolveFrom`). */
  typescript?: boolean | undefined;
  /** The user's project directory (where tsx is looked up). */
  resolveFrom?: string | undefined;
}

/**
 * Starts one DataLoader worker thread with `workerData`. The worker registers tsx first when it runs from
 * source (Node 20 ignores `--import` in a worker's `execArgv`), resolving workspace packages through the
 * `@mirkit/source` condition, or when `typescript` says a spec module is a `.ts` file.
 */
export function spawnWorker(workerData: unknown, options: SpawnOptions = {}): Worker {
  const { typescript = false, resolveFrom, ...rest } = options;
  const entry = workerEntry();
  return startWorker(entry.url, workerData, rest, typescript ? [resolveFrom ?? process.cwd()] : undefined);
}

/**
 * @internal Starts a worker thread on any module URL; `.ts` modules (and any module when `tsxFrom` is given, the
 * places to look for tsx) run through tsx. Tests use this directly.
 */
export function startWorker(url: string, workerData: unknown, options: Pick<WorkerOptions, 'resourceLimits' | 'name'> = {}, tsxFrom?: readonly string[]): Worker {
  const execArgv = [...BASE_EXEC_ARGV, ...inheritedConditions()];
  const source = isTypeScriptModule(url);
  if (!source && !tsxFrom) return new Worker(new URL(url), { ...options, workerData, execArgv });
  const api = source
    ? tsxEsmApi([here(), ...(tsxFrom ?? [])], 'Running DataLoader workers from TypeScript sources')
    : tsxEsmApi([...tsxFrom!, here()], 'A dataset, collate or workerInit spec naming a .ts module');
  if (source && !execArgv.some((a) => a.includes('@mirkit/source'))) execArgv.push('--conditions=@mirkit/source');
  const bootstrap = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url)}); });`;
  return new Worker(bootstrap, { ...options, eval: true, workerData, execArgv });
}
