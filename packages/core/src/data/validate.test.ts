import { describe, expect, it } from 'vitest';
import { isMirError } from '../errors.js';
import { assertBoolean, assertFiniteNumber, assertNonNegativeInt, assertOneOf, assertPositiveInt, checkIndex, isPromiseLike, show, sourceLength } from './validate.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isMirError(error) ? error.code : 'not a MirError';
  }
  return undefined;
}

describe('validate', () => {
  it('words positive-integer failures like torch', () => {
    expect(() => assertPositiveInt('batchSize', 0)).toThrow('batchSize should be a positive integer, but got 0');
    expect(() => assertPositiveInt('batchSize', 2.5)).toThrow('but got 2.5');
    expect(() => assertPositiveInt('batchSize', '4')).toThrow("but got '4'");
    expect(codeOf(() => assertPositiveInt('batchSize', -1))).toBe('ERR_INVALID_OPTION');
    expect(() => assertPositiveInt('batchSize', 3)).not.toThrow();
  });

  it('checks non-negative integers, booleans, finite numbers and enums', () => {
    expect(() => assertNonNegativeInt('rank', -1)).toThrow('rank should be a non-negative integer, but got -1');
    expect(() => assertNonNegativeInt('rank', 0)).not.toThrow();
    expect(() => assertBoolean('dropLast', 1)).toThrow('dropLast should be a boolean value, but got dropLast=1');
    expect(() => assertBoolean('dropLast', false)).not.toThrow();
    expect(() => assertFiniteNumber('seed', Number.NaN)).toThrow('seed should be a finite number, but got NaN');
    expect(() => assertOneOf('side', 'up', ['left', 'right'])).toThrow("side should be one of 'left', 'right', but got 'up'");
  });

  it('rejects non-integer, negative and too-large indices naming index and length', () => {
    expect(() => checkIndex(5, 5)).toThrow('Index 5 is out of range for a dataset of length 5 (valid indices are 0 … 4)');
    expect(() => checkIndex(-1, 5)).toThrow('Index -1 is out of range');
    expect(() => checkIndex(1.5, 5)).toThrow('Index 1.5 is out of range');
    expect(() => checkIndex(0, 0)).toThrow('(it is empty)');
    expect(codeOf(() => checkIndex(9, 3))).toBe('ERR_INDEX_OUT_OF_RANGE');
    expect(() => checkIndex(4, 5)).not.toThrow();
  });

  it('reads source lengths and renders values', () => {
    expect(sourceLength('s', 4)).toBe(4);
    expect(sourceLength('s', { length: 7 })).toBe(7);
    expect(() => sourceLength('s', -2)).toThrow('s length should be a non-negative integer');
    expect(show([1, 'a', 2n])).toBe("[1, 'a', 2n]");
    expect(isPromiseLike(Promise.resolve(1))).toBe(true);
    expect(isPromiseLike(1)).toBe(false);
  });
});
