import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cliModuleDir } from './discover-plugins.js';

/** The version of `@mirkit/cli` (read from its package.json next to the running module). */
export function cliVersion(): string {
  let dir = cliModuleDir();
  for (let i = 0; i < 4; i++) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === '@mirkit/cli' && pkg.version) return pkg.version;
    }
    dir = dirname(dir);
  }
  return '0.0.0-unknown';
}
