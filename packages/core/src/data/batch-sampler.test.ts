import { describe, expect, it } from 'vitest';
import { SequentialSampler } from './sequential-sampler.js';
import { RandomSampler } from './random-sampler.js';
import { BatchSampler } from './batch-sampler.js';

describe('BatchSampler', () => {
  it('batches with ceil / floor length', () => {
    const b = new BatchSampler(new SequentialSampler(10), 3, false);
    expect(b.length).toBe(4);
    expect([...b]).toEqual([[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]);
    const d = new BatchSampler(new SequentialSampler(10), 3, true);
    expect(d.length).toBe(3);
    expect([...d]).toEqual([[0, 1, 2], [3, 4, 5], [6, 7, 8]]);
    expect([...new BatchSampler(new SequentialSampler(6), 3, true)]).toHaveLength(2);
    expect([...new BatchSampler(new SequentialSampler(0), 3)]).toEqual([]);
  });

  it('forwards setEpoch to a seeded sampler', () => {
    const inner = new RandomSampler(8, { seed: 1 });
    const b = new BatchSampler(inner, 4);
    b.setEpoch(5);
    const ref = new RandomSampler(8, { seed: 1 });
    ref.setEpoch(5);
    expect([...b].flat()).toEqual([...ref]);
  });

  it('validates like torch', () => {
    expect(() => new BatchSampler(new SequentialSampler(3), 0)).toThrow('batchSize should be a positive integer, but got 0');
    expect(() => new BatchSampler(new SequentialSampler(3), 2, 'yes' as unknown as boolean)).toThrow("dropLast should be a boolean value, but got dropLast='yes'");
    expect(() => new BatchSampler(null as never, 2)).toThrow(/sampler should be an iterable/);
  });
});
