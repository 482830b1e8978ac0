import { ConfigError, DataError } from '../errors.js';

/**
 * Argument and index checks shared by datasets and samplers, worded like torch's
 * (`batchSize should be a positive integer, but got 0`).
 */

/** Renders a value for an error message (strings quoted, everything else via `String`). */
export function show(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'bigint') return `${value}n`;
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`;
  return String(value);
}

/** Throws `ConfigError('ERR_INVALID_OPTION')` unless `value` is an integer ≥ 1. */
export function assertPositiveInt(name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new ConfigError('ERR_INVALID_OPTION', `${name} should be a positive integer, but got ${show(value)}`, {
      details: { option: name, value },
    });
  }
}

/** Throws `ConfigError('ERR_INVALID_OPTION')` unless `value` is an integer ≥ 0. */
export function assertNonNegativeInt(name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new ConfigError('ERR_INVALID_OPTION', `${name} should be a non-negative integer, but got ${show(value)}`, {
      details: { option: name, value },
    });
  }
}

/** Throws `ConfigError('ERR_INVALID_OPTION')` unless `value` is a boolean (torch: "should be a boolean value"). */
export function assertBoolean(name: string, value: unknown): asserts value is boolean {
  if (typeof value !== 'boolean') {
    throw new ConfigError('ERR_INVALID_OPTION', `${name} should be a boolean value, but got ${name}=${show(value)}`, {
      details: { option: name, value },
    });
  }
}

/** Throws `ConfigError('ERR_INVALID_OPTION')` unless `value` is a finite number (any sign). */
export function assertFiniteNumber(name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ConfigError('ERR_INVALID_OPTION', `${name} should be a finite number, but got ${show(value)}`, {
      details: { option: name, value },
    });
  }
}

/** Throws `ConfigError('ERR_INVALID_OPTION')` unless `value` is one of `allowed`. */
export function assertOneOf<const A extends readonly unknown[]>(name: string, value: unknown, allowed: A): asserts value is A[number] {
  if (!allowed.includes(value)) {
    throw new ConfigError('ERR_INVALID_OPTION', `${name} should be one of ${allowed.map(show).join(', ')}, but got ${show(value)}`, {
      details: { option: name, value },
    });
  }
}

/**
 * Checks a dataset index: it must be an integer in `[0, length)`. Negative indices are **not** wrapped (unlike
 * Python), so `get(-1)` is an error. Throws `DataError('ERR_INDEX_OUT_OF_RANGE')` naming the index and length.
 */
export function checkIndex(index: number, length: number, what = 'dataset'): void {
  if (!Number.isInteger(index) || index < 0 || index >= length) {
    const valid = length > 0 ? `valid indices are 0 … ${length - 1}` : 'it is empty';
    throw new DataError(
      'ERR_INDEX_OUT_OF_RANGE',
      `Index ${show(index)} is out of range for a ${what} of length ${length} (${valid})`,
      { details: { index, length } },
    );
  }
}

/** The length of a sampler source: a number, or anything with a numeric `length` (a dataset). */
export function sourceLength(name: string, source: number | { readonly length: number }): number {
  const n = typeof source === 'number' ? source : source.length;
  assertNonNegativeInt(`${name} length`, n);
  return n;
}

/** True for a thenable (the result of an async `get`). */
export function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof value === 'object' && value !== null && typeof (value as PromiseLike<T>).then === 'function';
}
