import { expect, it } from 'vitest';
import { CLI_NAME } from './index.js';

it('names the binary', () => {
  expect(CLI_NAME).toBe('mirkit');
});
