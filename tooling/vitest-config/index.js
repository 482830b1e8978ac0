// Shared vitest configuration: resolve workspace packages to their sources through the
// `@mirkit/source` export condition, so tests never need a prior build.
import { defineConfig } from 'vitest/config';

/** @param {import('vitest/config').UserConfig['test']} [test] */
export function defineProjectConfig(test = {}) {
  const report = Boolean(process.env.MIRKIT_TEST_REPORT);
  return defineConfig({
    resolve: { conditions: ['@mirkit/source', 'import', 'module', 'node', 'default'] },
    ssr: { resolve: { conditions: ['@mirkit/source', 'import', 'module', 'node', 'default'], externalConditions: ['@mirkit/source'] } },
    test: {
      include: ['src/**/*.test.ts'],
      typecheck: { enabled: true, include: ['src/**/*.test-d.ts'] },
      restoreMocks: true,
      testTimeout: 60_000,
      hookTimeout: 60_000,
      reporters: report ? ['default', ['json', { outputFile: '.vitest-report.json' }]] : ['default'],
      ...test,
    },
  });
}
