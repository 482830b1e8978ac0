import { isMirError, type MirError } from '@mirkit/core';

/** Runs `fn` and returns the MirError it throws; fails the test when it returns or throws something else. */
export function catchMirError(fn: () => unknown): MirError {
  try {
    fn();
  } catch (error) {
    if (isMirError(error)) return error;
    throw error;
  }
  throw new Error('expected a MirError to be thrown');
}
