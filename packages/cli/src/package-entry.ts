import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The fields of a package.json that plugin discovery reads. */
export interface PackageJson {
  name?: string;
  version?: string;
  private?: boolean;
  keywords?: unknown;
  main?: string;
  exports?: unknown;
  mirkit?: { plugin?: unknown };
}

/** Reads `<dir>/package.json`; undefined when it is missing or not valid JSON. */
export async function readPackageJson(dir: string): Promise<PackageJson | undefined> {
  try {
    const parsed: unknown = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as PackageJson)
      : undefined;
  } catch {
    return undefined;
  }
}

const IMPORT_CONDITIONS = new Set(['node', 'import', 'default']);

function pickTarget(target: unknown): string | undefined {
  if (typeof target === 'string') return target;
  if (Array.isArray(target)) {
    for (const t of target) {
      const found = pickTarget(t);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof target !== 'object' || target === null) return undefined;
  for (const [condition, value] of Object.entries(target)) {
    if (!IMPORT_CONDITIONS.has(condition)) continue;
    const found = pickTarget(value);
    if (found) return found;
  }
  return undefined;
}

/**
 * The file that `import '<package>'` loads from a package directory: its `exports["."]` resolved with Node's
 * `import` conditions (`node`, `import`, `default`), else `main`, else `index.js`; undefined when the
 * exports map has no `"."` entry.
 */
export function resolvePackageEntry(dir: string, pkg: PackageJson): string | undefined {
  const { exports } = pkg;
  let target: string | undefined;
  if (exports !== undefined && exports !== null) {
    const isSubpathMap =
      typeof exports === 'object' &&
      !Array.isArray(exports) &&
      Object.keys(exports).some((k) => k.startsWith('.'));
    target = pickTarget(isSubpathMap ? (exports as Record<string, unknown>)['.'] : exports);
  } else {
    target = pkg.main ?? 'index.js';
  }
  return target === undefined ? undefined : join(dir, target);
}
