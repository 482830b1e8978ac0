import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ConfigError, describeError } from '../errors.js';

/** Resolves `specifier` with ESM semantics relative to `parentUrl` (`import.meta.resolve(specifier, parent)`). */
export type EsmResolve = (specifier: string, parentUrl: string) => string;

/**
 * The file URL of the module a spec names, resolved from the **user's** project rather than from core's folder:
 *
 * - `file:`, `node:` and `data:` URLs are used as they are; absolute paths become file URLs;
 * - relative specifiers (`./x.js`) are resolved against `resolveFrom`;
 * - bare specifiers (`@mirkit/sousa`, `my-pkg/datasets`) are resolved from `resolveFrom` — with ESM semantics
 *   (the `import` condition) when `esmResolve` is given (worker threads run with it), otherwise with
 *   `require.resolve` semantics.
 *
 * `resolveFrom` is a directory (or a file inside it), as a path or a file URL; default `process.cwd()`.
 */
export function resolveSpecifier(specifier: string, resolveFrom?: string, esmResolve?: EsmResolve): string {
  if (typeof specifier !== 'string' || specifier.length === 0) {
    throw new ConfigError('ERR_INVALID_OPTION', `A module specifier should be a non-empty string, but got ${typeof specifier === 'string' ? "''" : typeof specifier}`);
  }
  if (/^(file|node|data):/.test(specifier)) return specifier;
  if (isAbsolute(specifier)) return pathToFileURL(specifier).href;
  const parentPath = parentFile(resolveFrom);
  if (specifier.startsWith('./') || specifier.startsWith('../')) {
    return pathToFileURL(resolve(parentPath, '..', specifier)).href;
  }
  const parentUrl = pathToFileURL(parentPath).href;
  let esmFailure: unknown;
  if (esmResolve) {
    try {
      return esmResolve(specifier, parentUrl);
    } catch (error) {
      esmFailure = error;
    }
  }
  try {
    return pathToFileURL(createRequire(parentPath).resolve(specifier)).href;
  } catch (error) {
    throw new ConfigError(
      'ERR_INVALID_OPTION',
      `Cannot resolve module '${specifier}' from ${dirname(parentPath)}: ${describeError(esmFailure ?? error)}. ` +
        'Install it in your project, pass an absolute path or file URL, or set the resolveFrom option',
      { cause: esmFailure ?? error, details: { specifier, resolveFrom: resolveFrom ?? process.cwd() } },
    );
  }
}

const PROBE = '__mirkit_resolve__.js';

/** A (possibly non-existent) file inside the directory to resolve from. */
function parentFile(resolveFrom: string | undefined): string {
  let from = resolveFrom ?? process.cwd();
  if (from.startsWith('file:')) from = fileURLToPath(from);
  from = resolve(from);
  const isDir = !existsSync(from) || statSync(from).isDirectory();
  return isDir ? join(from, PROBE) : join(from, '..', PROBE);
}
