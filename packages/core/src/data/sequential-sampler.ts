import type { Sampler } from './sampler.js';
import { sourceLength } from './validate.js';

/** Yields `0, 1, …, n-1` in order (torch `SequentialSampler`). `source` is a length or a dataset. */
export class SequentialSampler implements Sampler {
  readonly length: number;

  constructor(source: number | { readonly length: number }) {
    this.length = sourceLength('SequentialSampler source', source);
  }

  *[Symbol.iterator](): Iterator<number> {
    for (let i = 0; i < this.length; i++) yield i;
  }
}
