import { describe, expect, it } from 'vitest';
import { ConfigError, DataError, isMirError, MirError } from '../errors.js';
import { deserializeError, serializeError } from './serialize-error.js';

describe('serializeError / deserializeError', () => {
  it('round-trips MirError subclasses with code, message, name, stack, details and cause chain', () => {
    const root = new TypeError('bad byte');
    const mid = new ConfigError('ERR_INVALID_OPTION', 'option x is wrong', { cause: root, details: { field: 'x', fn: () => 1 } });
    const top = new DataError('ERR_DATASET_ITEM', "Dataset 'd' failed to load item 3", { cause: mid, details: { index: 3 } });
    const copy = deserializeError(structuredClone(serializeError(top))) as DataError;
    expect(copy).toBeInstanceOf(DataError);
    expect(isMirError(copy)).toBe(true);
    expect(copy.name).toBe('DataError');
    expect(copy.code).toBe('ERR_DATASET_ITEM');
    expect(copy.message).toBe(top.message);
    expect(copy.stack).toBe(top.stack);
    expect(copy.details).toEqual({ index: 3 });
    const cause = copy.cause as ConfigError;
    expect(cause).toBeInstanceOf(ConfigError);
    expect(cause.details).toEqual({ field: 'x', fn: '() => 1' });
    expect(cause.cause).toBeInstanceOf(TypeError);
    expect((cause.cause as Error).message).toBe('bad byte');
    expect((cause.cause as Error).stack).toBe(root.stack);
  });

  it('keeps names of unknown subclasses, codes of plain errors, and wraps non-errors', () => {
    class MidiError extends MirError {}
    const copy = deserializeError(serializeError(new MidiError('ERR_NPY_FORMAT', 'x')));
    expect(copy).toBeInstanceOf(MirError);
    expect(copy.name).toBe('MidiError');
    const sys = Object.assign(new Error('no file'), { code: 'ENOENT' });
    expect((deserializeError(serializeError(sys)) as Error & { code: string }).code).toBe('ENOENT');
    expect(deserializeError(serializeError('just text')).message).toBe('just text');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => structuredClone(serializeError(new DataError('ERR_WORKER', 'c', { details: cyclic })))).not.toThrow();
  });
});
