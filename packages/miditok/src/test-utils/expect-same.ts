import { expect } from 'vitest';

/** Deep equality that compares JSON first (fast on long token lists) and shows a diff only on mismatch. */
export function expectSame(actual: unknown, expected: unknown): void {
  if (JSON.stringify(actual) === JSON.stringify(expected)) return;
  expect(actual).toEqual(expected);
}
