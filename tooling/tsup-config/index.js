// Shared tsup configuration: ESM + CJS + d.ts for every library package.
import { defineConfig } from 'tsup';

/** @param {{ entry: string[] | Record<string, string>, [key: string]: unknown }} options */
export function defineLibraryConfig({ entry, ...rest }) {
  return defineConfig({
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    treeshake: true,
    splitting: false,
    ...rest,
  });
}
