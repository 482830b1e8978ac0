import type { UserConfig } from 'vitest/config';
export declare function defineProjectConfig(test?: UserConfig['test']): UserConfig;
