import { describe, expect, it } from 'vitest';
import { createRng, hashSeed } from '../random/rng.js';
import { EpochSeeder } from './epoch-seeder.js';

describe('EpochSeeder', () => {
  it('auto-advances without setEpoch and pins with it', () => {
    const s = new EpochSeeder(5);
    expect(s.epoch).toBe(0);
    expect(s.beginEpoch().epoch).toBe(0);
    expect(s.beginEpoch().epoch).toBe(1);
    s.setEpoch(7);
    expect(s.beginEpoch().epoch).toBe(7);
    expect(s.beginEpoch().epoch).toBe(7);
    const a = s.beginEpoch().rng.nextUint32();
    expect(a).toBe(createRng(hashSeed(5, 7)).nextUint32());
    expect(() => s.setEpoch(-1)).toThrow('epoch should be a non-negative integer, but got -1');
    expect(() => new EpochSeeder(Number.NaN)).toThrow('seed should be a finite number');
  });
});
