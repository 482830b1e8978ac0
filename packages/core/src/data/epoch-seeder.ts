import { createRng, hashSeed, type Rng } from '../random/rng.js';
import { assertFiniteNumber, assertNonNegativeInt } from './validate.js';

/**
 * Per-epoch generators for seeded samplers. Epoch `e` of a sampler with seed `s` always draws from
 * `createRng(hashSeed(s, e))`, so an epoch's order depends only on `(seed, epoch)`, not on how many epochs were
 * consumed before or on which machine.
 *
 * - Without {@link EpochSeeder.setEpoch}, each iteration uses the next epoch: 0, 1, 2, …
 * - After `setEpoch(e)`, every iteration uses epoch `e` until `setEpoch` is called again (torch's
 *   `DistributedSampler.set_epoch` contract; the DataLoader calls it at the start of every epoch).
 *
 * Every seeded sampler extends this class, so each has `seed`, `epoch`, `setEpoch()` and `beginEpoch()`.
 */
export class EpochSeeder {
  readonly seed: number;
  #pinned: number | undefined;
  #next = 0;

  constructor(seed = 0) {
    assertFiniteNumber('seed', seed);
    this.seed = seed;
  }

  setEpoch(epoch: number): void {
    assertNonNegativeInt('epoch', epoch);
    this.#pinned = epoch;
  }

  /** The epoch the next iteration will use. */
  get epoch(): number {
    return this.#pinned ?? this.#next;
  }

  /** Starts an iteration: returns its epoch and generator, and advances the automatic epoch counter. */
  beginEpoch(): { epoch: number; rng: Rng } {
    const epoch = this.#pinned ?? this.#next++;
    return { epoch, rng: createRng(hashSeed(this.seed, epoch)) };
  }
}
