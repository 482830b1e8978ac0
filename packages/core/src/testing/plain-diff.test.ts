import { describe, expect, it } from 'vitest';
import { plainDiff } from './plain-diff.js';

describe('plainDiff', () => {
  it('finds the first difference with its path', () => {
    expect(plainDiff({ a: [1, { b: new Float32Array([1, Number.NaN]) }] }, { a: [1, { b: new Float32Array([1, Number.NaN]) }] })).toBeUndefined();
    expect(plainDiff({ a: [1, { b: new Float32Array([1, 2]) }] }, { a: [1, { b: new Float32Array([1, 3]) }] })).toBe('a[1].b[1]: 2 vs 3');
    expect(plainDiff(new Float32Array(1), new Float64Array(1))).toBe('(item): Float32Array(1) vs Float64Array(1)');
    expect(plainDiff({ a: 1 }, { b: 1 })).toBe('a: present in only one value');
    expect(plainDiff([1, 2], [1])).toBe('(item): array length 2 vs 1');
    expect(plainDiff('x', 'y')).toBe('(item): "x" vs "y"');
    expect(plainDiff(Number.NaN, Number.NaN)).toBeUndefined();
    expect(plainDiff(0, -0)).toBeUndefined();
    expect(plainDiff(1n, 2n)).toBe('(item): 1n vs 2n');
  });
});
