import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DataError } from '../errors.js';

/**
 * Locates `../shared/fixtures/<domain>` (beside the repository root) for tests that compare with upstream outputs.
 *
 * Search order: `$MIRKIT_FIXTURES/<domain>`, then `<ancestor>/../shared/fixtures/<domain>` and
 * `<ancestor>/shared/fixtures/<domain>` for every ancestor of `from` (default: the working directory).
 */
export function findFixtures(domain: string, from: string = process.cwd()): string | undefined {
  const env = process.env.MIRKIT_FIXTURES;
  if (env && existsSync(join(env, domain))) return resolve(env, domain);
  let dir = resolve(from);
  for (;;) {
    for (const candidate of [join(dir, '..', 'shared', 'fixtures', domain), join(dir, 'shared', 'fixtures', domain)]) {
      if (existsSync(candidate)) return resolve(candidate);
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** True when running under CI (`CI=true` or `CI=1`). */
export function isCi(): boolean {
  return process.env.CI === 'true' || process.env.CI === '1';
}

/**
 * Like {@link findFixtures}, but when the fixtures are missing it throws under CI (a missing fixture must fail the
 * run, not skip it) and returns `undefined` elsewhere so a local run can skip.
 */
export function requireFixtures(domain: string, from?: string): string | undefined {
  const dir = findFixtures(domain, from);
  if (dir) return dir;
  if (isCi()) {
    throw new DataError(
      'ERR_MISSING_FILE',
      `Fixtures '${domain}' not found: expected ../shared/fixtures/${domain} beside the repository (or set MIRKIT_FIXTURES). They are required under CI.`,
    );
  }
  return undefined;
}
