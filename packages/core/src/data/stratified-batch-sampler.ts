import type { BatchSamplerLike } from './sampler.js';
import type { Dataset } from './dataset.js';
import { ConfigError, MirError } from '../errors.js';
import { shuffleInPlace } from '../random/rng.js';
import { EpochSeeder } from './epoch-seeder.js';
import { assertBoolean, assertPositiveInt, show } from './validate.js';

/** A class label: any primitive that can key a `Map`. */
export type StratumLabel = string | number | bigint | boolean;

export interface StratifiedBatchSamplerOptions {
  batchSize: number;
  /** Drop the last batch when it is shorter than `batchSize` (default `false`). */
  dropLast?: boolean;
  /** Seed of the per-epoch generators (default 0). See {@link EpochSeeder}. */
  seed?: number;
  /** Shuffle within each class and within each batch (default `true`). */
  shuffle?: boolean;
}

/**
 * Batches whose class composition follows the class proportions of the whole dataset.
 *
 * **Allocation.** With `N` items, class sizes `n_c` and batch sizes `s_b` (all `batchSize`, except a shorter last
 * batch), the ideal number of class-`c` items in batch `b` is `n_c · s_b / N`. Each batch gets the floor of its
 * ideal per class; the batch's remaining slots go, one each, to the classes with the most items still owed
 * (ties: larger fractional part, then first-seen class) — Ryser's greedy construction, which always completes
 * because the fractional parts form a matrix with integer row and column sums. Hence, per batch and class, the
 * count is within ±1 of the ideal (almost always the floor or the ceiling), every batch has exactly its size,
 * and every class is used up exactly at the end.
 *
 * **Guarantees.** An epoch yields exactly `length` = `ceil(N / batchSize)` batches (`floor` with `dropLast`),
 * always terminates, and yields every index exactly once — with `dropLast`, only the items of the final short
 * batch are left out. Empty classes cannot occur (classes come from the labels); `batchSize > N` gives one
 * batch (none with `dropLast`). Each epoch's order derives from `(seed, epoch)` (see {@link EpochSeeder}); with
 * `shuffle: false` classes keep ascending index order and batches are grouped by class in first-seen order.
 *
 * **Differences from SOUSA's Python `StratifiedBatchSampler`** (sousa.md §8.8): upstream takes
 * `floor(batchSize / 4)` items from each of 4 tiers per batch, re-permutes tiers that run out, and stops only
 * when all tiers run out at the same batch — so it loops forever unless every tier size is a multiple of that
 * quota, its `len()` is wrong, batches are never `batchSize` long when it is not a multiple of 4, `batchSize < 4`
 * yields endless empty batches, and an empty tier ends the epoch early. Here batches are proportional rather
 * than equal per class, have exactly `batchSize` items, and each index appears once per epoch.
 */
export class StratifiedBatchSampler extends EpochSeeder implements BatchSamplerLike {
  readonly batchSize: number;
  readonly dropLast: boolean;
  readonly shuffle: boolean;
  /** Distinct labels in first-seen order. */
  readonly classes: readonly StratumLabel[];
  /** Dataset indices of each class (ascending), parallel to {@link classes}. */
  readonly classIndices: readonly (readonly number[])[];
  /** Total number of items. */
  readonly size: number;

  constructor(labels: ArrayLike<StratumLabel>, options: StratifiedBatchSamplerOptions) {
    super(options.seed ?? 0);
    const { batchSize, dropLast = false, shuffle = true } = options;
    assertPositiveInt('batchSize', batchSize);
    assertBoolean('dropLast', dropLast);
    assertBoolean('shuffle', shuffle);
    const byLabel = new Map<StratumLabel, number[]>();
    for (let i = 0; i < labels.length; i++) {
      const label = labels[i];
      const t = typeof label;
      if ((t !== 'string' && t !== 'number' && t !== 'bigint' && t !== 'boolean') || (t === 'number' && Number.isNaN(label))) {
        throw new ConfigError('ERR_INVALID_OPTION', `labels[${i}] should be a string, number, bigint or boolean (not NaN), but got ${show(label)}`, {
          details: { index: i },
        });
      }
      let list = byLabel.get(label!);
      if (!list) byLabel.set(label!, (list = []));
      list.push(i);
    }
    this.batchSize = batchSize;
    this.dropLast = dropLast;
    this.shuffle = shuffle;
    this.classes = [...byLabel.keys()];
    this.classIndices = [...byLabel.values()];
    this.size = labels.length;
  }

  /**
   * Builds the sampler from a dataset by reading every item once (in index order, awaiting async items) and
   * taking `key(item, index)` as its label. Prefer passing labels directly when the dataset has them at hand.
   */
  static async fromDataset<T>(
    dataset: Dataset<T>,
    key: (item: T, index: number) => StratumLabel,
    options: StratifiedBatchSamplerOptions,
  ): Promise<StratifiedBatchSampler> {
    const labels: StratumLabel[] = [];
    for (let i = 0; i < dataset.length; i++) labels.push(key(await dataset.get(i), i));
    return new StratifiedBatchSampler(labels, options);
  }

  get length(): number {
    return this.dropLast ? Math.floor(this.size / this.batchSize) : Math.ceil(this.size / this.batchSize);
  }

  /**
   * Per-class counts of every batch of an epoch (rows = batches including a short last one, columns = classes
   * in {@link classes} order). Independent of the seed.
   */
  *allocation(): Generator<Int32Array> {
    const N = this.size;
    const C = this.classIndices.length;
    const sizes = this.classIndices.map((c) => c.length);
    const owedExtra = new Float64Array(C); // row deficits still to hand out: Σ_b frac parts
    // Row deficit of class c = n_c − Σ_b floor(n_c s_b / N); compute it up front.
    const numBatches = Math.ceil(N / this.batchSize);
    const lastSize = N - (numBatches - 1) * this.batchSize;
    for (let c = 0; c < C; c++) {
      const n = sizes[c]!;
      const full = Math.floor((n * this.batchSize) / N);
      const last = Math.floor((n * lastSize) / N);
      owedExtra[c] = n - (numBatches - 1) * full - last;
    }
    const order = Array.from({ length: C }, (_, c) => c);
    for (let b = 0; b < numBatches; b++) {
      const s = b === numBatches - 1 ? lastSize : this.batchSize;
      const counts = new Int32Array(C);
      const remainders = new Float64Array(C);
      let assigned = 0;
      for (let c = 0; c < C; c++) {
        const p = sizes[c]! * s;
        const q = Math.floor(p / N);
        counts[c] = q;
        remainders[c] = p - q * N;
        assigned += q;
      }
      let extra = s - assigned;
      order.sort((x, y) => owedExtra[y]! - owedExtra[x]! || remainders[y]! - remainders[x]! || x - y);
      for (const c of order) {
        if (extra === 0) break;
        if (owedExtra[c]! <= 0) break;
        counts[c]! += 1;
        owedExtra[c]! -= 1;
        extra--;
      }
      if (extra !== 0) {
        throw new MirError('ERR_INVALID_OPTION', `StratifiedBatchSampler: internal allocation failed at batch ${b} (please report)`);
      }
      yield counts;
    }
  }

  [Symbol.iterator](): Iterator<number[]> {
    const { rng } = this.beginEpoch();
    const pools = this.classIndices.map((list) => (this.shuffle ? shuffleInPlace([...list], rng) : list));
    const limit = this.length;
    const shuffle = this.shuffle;
    const allocation = this.allocation();
    return (function* (): Generator<number[]> {
      const cursor = new Int32Array(pools.length);
      for (let b = 0; b < limit; b++) {
        const next = allocation.next();
        if (next.done) return;
        const batch: number[] = [];
        next.value.forEach((count, c) => {
          const pool = pools[c]!;
          for (let k = 0; k < count; k++) batch.push(pool[cursor[c]! + k]!);
          cursor[c]! += count;
        });
        yield shuffle ? shuffleInPlace(batch, rng) : batch;
      }
    })();
  }
}
