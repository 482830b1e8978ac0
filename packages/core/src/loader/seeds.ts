import { hashSeed } from '../random/rng.js';

/**
 * Seed handed to worker `id` during epoch `epoch` of a loader seeded with `seed` (torch gives `base_seed +
 * worker_id`; here the three are hashed so nearby seeds do not overlap). Shuffling itself is seeded by the sampler
 * with `hashSeed(seed, epoch)`.
 */
export function workerSeed(seed: number, epoch: number, id: number): number {
  return hashSeed(seed, epoch, id, 0x776b);
}
