import { defineLibraryConfig } from '@mirkit/tsup-config';

const entry = { index: 'src/index.ts', 'tfjs/index': 'src/tfjs/index.ts', 'testing/index': 'src/testing/index.ts' };

// The DataLoader worker entry is built beside the bundles (dist/data-loader-worker.js, .cjs); it needs no types.
// `shims` gives the CJS bundle an `import.meta.url`/`__filename` so the worker file is found from either format.
export default defineLibraryConfig({
  entry: { ...entry, 'data-loader-worker': 'src/loader/worker-entry.ts' },
  dts: { entry },
  shims: true,
});
