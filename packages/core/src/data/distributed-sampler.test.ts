import { describe, expect, it } from 'vitest';
import { DistributedSampler } from './distributed-sampler.js';

/**
 * torch.utils.data.DistributedSampler(range(n), num_replicas=R, rank=r, shuffle=False, drop_last=d):
 * [n, R, dropLast, num_samples, [list(sampler) for each rank]] — torch's algorithm (pad with indices[:pad]
 * repeated, or cut to total_size, then indices[rank:total_size:R]), checked by hand and against torch 1.13.1.
 */
const TORCH: [number, number, boolean, number, number[][]][] = [
  [10, 3, false, 4, [[0, 3, 6, 9], [1, 4, 7, 0], [2, 5, 8, 1]]],
  [10, 3, true, 3, [[0, 3, 6], [1, 4, 7], [2, 5, 8]]],
  [10, 4, false, 3, [[0, 4, 8], [1, 5, 9], [2, 6, 0], [3, 7, 1]]],
  [10, 4, true, 2, [[0, 4], [1, 5], [2, 6], [3, 7]]],
  [2, 5, false, 1, [[0], [1], [0], [1], [0]]],
  [2, 5, true, 0, [[], [], [], [], []]],
  [1, 3, false, 1, [[0], [0], [0]]],
  [7, 2, false, 4, [[0, 2, 4, 6], [1, 3, 5, 0]]],
  [7, 2, true, 3, [[0, 2, 4], [1, 3, 5]]],
  [5, 5, false, 1, [[0], [1], [2], [3], [4]]],
  [5, 5, true, 1, [[0], [1], [2], [3], [4]]],
  [3, 8, false, 1, [[0], [1], [2], [0], [1], [2], [0], [1]]],
  [11, 4, false, 3, [[0, 4, 8], [1, 5, 9], [2, 6, 10], [3, 7, 0]]],
  [11, 4, true, 2, [[0, 4], [1, 5], [2, 6], [3, 7]]],
  [0, 3, false, 0, [[], [], []]],
];

describe('DistributedSampler', () => {
  it.each(TORCH)('matches torch for n=%i, replicas=%i, dropLast=%s (shuffle=false)', (n, R, dropLast, numSamples, expected) => {
    for (let rank = 0; rank < R; rank++) {
      const s = new DistributedSampler(n, { numReplicas: R, rank, shuffle: false, dropLast });
      expect(s.length).toBe(numSamples);
      expect(s.totalSize).toBe(numSamples * R);
      expect([...s]).toEqual(expected[rank]);
    }
  });

  it('shuffles identically on every replica, partitions the permutation, and reshuffles per epoch', () => {
    const n = 23;
    const R = 4;
    const ranks = Array.from({ length: R }, (_, rank) => new DistributedSampler(n, { numReplicas: R, rank, seed: 7 }));
    for (const epoch of [0, 1, 2]) {
      ranks.forEach((s) => s.setEpoch(epoch));
      const parts = ranks.map((s) => [...s]);
      expect(parts.every((p) => p.length === 6)).toBe(true);
      const all = parts.flat();
      expect(new Set(all).size).toBe(n); // 24 slots: every index once, one padded repeat
    }
    ranks[0]!.setEpoch(0);
    const e0 = [...ranks[0]!];
    ranks[0]!.setEpoch(1);
    expect([...ranks[0]!]).not.toEqual(e0);
    // auto-advance without setEpoch: first iteration is epoch 0
    const fresh = new DistributedSampler(n, { numReplicas: R, rank: 0, seed: 7 });
    expect([...fresh]).toEqual(e0);
  });

  it('validates like torch', () => {
    expect(() => new DistributedSampler(10, { numReplicas: 3, rank: 3 })).toThrow('Invalid rank 3, rank should be in the interval [0, 2]');
    expect(() => new DistributedSampler(10, { numReplicas: 0, rank: 0 })).toThrow('numReplicas should be a positive integer, but got 0');
    expect(() => new DistributedSampler(10, { numReplicas: 2, rank: -1 })).toThrow('rank should be a non-negative integer, but got -1');
    expect(() => new DistributedSampler(10, { numReplicas: 2, rank: 0, shuffle: 0 as unknown as boolean })).toThrow(/shuffle should be a boolean value/);
  });
});
