import { defineLibraryConfig } from '@mirkit/tsup-config';

export default defineLibraryConfig({ entry: ["src/index.ts"] });
