import type { Options } from 'tsup';
export declare function defineLibraryConfig(options: Options & { entry: string[] | Record<string, string> }): ReturnType<typeof import('tsup').defineConfig>;
