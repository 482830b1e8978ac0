import { defineProjectConfig } from '@mirkit/vitest-config';

export default defineProjectConfig();
