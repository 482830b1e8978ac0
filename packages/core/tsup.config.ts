import { defineLibraryConfig } from '@mirkit/tsup-config';

export default defineLibraryConfig({ entry: ["src/index.ts","src/tfjs/index.ts","src/testing/index.ts"] });
