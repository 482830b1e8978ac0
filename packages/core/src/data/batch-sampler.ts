import type { BatchSamplerLike, Sampler } from './sampler.js';
import { ConfigError } from '../errors.js';
import { assertBoolean, assertPositiveInt } from './validate.js';

/**
 * Groups the indices of a sampler into batches of `batchSize` (torch `BatchSampler`). The last batch is shorter
 * unless `dropLast`, which drops it. `length` = `ceil(n / batchSize)`, or `floor(n / batchSize)` with
 * `dropLast`, where `n` is the sampler's length. `setEpoch` is forwarded to the wrapped sampler.
 */
export class BatchSampler implements BatchSamplerLike {
  readonly sampler: Sampler;
  readonly batchSize: number;
  readonly dropLast: boolean;

  constructor(sampler: Sampler, batchSize: number, dropLast = false) {
    if (typeof sampler !== 'object' || sampler === null || typeof (sampler as Partial<Sampler>)[Symbol.iterator] !== 'function') {
      throw new ConfigError('ERR_INVALID_OPTION', `sampler should be an iterable of indices with a length, but got ${String(sampler)}`);
    }
    assertPositiveInt('batchSize', batchSize);
    assertBoolean('dropLast', dropLast);
    this.sampler = sampler;
    this.batchSize = batchSize;
    this.dropLast = dropLast;
  }

  get length(): number {
    const n = this.sampler.length;
    return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }

  setEpoch(epoch: number): void {
    this.sampler.setEpoch?.(epoch);
  }

  *[Symbol.iterator](): Iterator<number[]> {
    let batch: number[] = [];
    for (const index of this.sampler) {
      batch.push(index);
      if (batch.length === this.batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0 && !this.dropLast) yield batch;
  }
}
