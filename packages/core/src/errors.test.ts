import { describe, expect, it } from 'vitest';
import { BackendError, ConfigError, DataError, FormatError, MirError, RegistryError, describeError, isMirError } from './errors.js';

describe('errors', () => {
  it('carry code, name, cause and details', () => {
    const cause = new TypeError('boom');
    const e = new DataError('ERR_MISSING_FILE', 'Cannot read x.npy', { cause, details: { file: 'x.npy' } });
    expect(e).toBeInstanceOf(Error);
    expect(e).toBeInstanceOf(MirError);
    expect(e.name).toBe('DataError');
    expect(e.code).toBe('ERR_MISSING_FILE');
    expect(e.cause).toBe(cause);
    expect(e.details).toEqual({ file: 'x.npy' });
    expect(new ConfigError('ERR_INVALID_OPTION', 'm').details).toEqual({});
    expect('cause' in new ConfigError('ERR_INVALID_OPTION', 'm')).toBe(false);
    for (const C of [RegistryError, ConfigError, FormatError, DataError, BackendError]) {
      expect(new C('ERR_INVALID_OPTION', 'x').name).toBe(C.name);
    }
  });

  it('brand-checks across copies, not by instanceof', () => {
    expect(isMirError(new FormatError('ERR_NPY_FORMAT', 'x'))).toBe(true);
    expect(isMirError(new Error('x'))).toBe(false);
    expect(isMirError({ code: 'ERR_NPY_FORMAT' })).toBe(false);
    expect(isMirError(null)).toBe(false);
    // a value branded by another copy of core (same Symbol.for key) is recognised
    const foreign = Object.defineProperty(new Error('other copy'), Symbol.for('@mirkit/core/MirError'), { value: true });
    expect(isMirError(foreign)).toBe(true);
    expect(foreign instanceof MirError).toBe(false);
    expect(Object.keys(new DataError('ERR_MISSING_FILE', 'x'))).not.toContain(Symbol.for('@mirkit/core/MirError'));
  });

  it('describes unknown thrown values in one line', () => {
    expect(describeError(new RangeError('bad'))).toBe('RangeError: bad');
    expect(describeError('text')).toBe('text');
    expect(describeError(42)).toBe('42');
  });
});
