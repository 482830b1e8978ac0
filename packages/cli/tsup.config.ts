import { defineLibraryConfig } from '@mirkit/tsup-config';

// shims: import.meta.url works in the CJS build of the index (plugin discovery resolves from the module's folder).
export default defineLibraryConfig({ entry: ['src/index.ts', 'src/bin.ts'], shims: true });
