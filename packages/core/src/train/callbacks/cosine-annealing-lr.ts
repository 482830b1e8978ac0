import { assertPositiveInt } from '../../data/validate.js';
import { LrScheduler } from './lr-scheduler.js';

export interface CosineAnnealingLrOptions {
  /** Half-period in epochs. */
  tMax: number;
  /** Minimum LR (default 0). */
  etaMin?: number;
}

/** torch's CosineAnnealingLR (closed form): `lr = etaMin + (base − etaMin)·(1 + cos(π·epoch/tMax))/2`. */
export class CosineAnnealingLr extends LrScheduler {
  readonly tMax: number;
  readonly etaMin: number;

  constructor(options: CosineAnnealingLrOptions) {
    super();
    assertPositiveInt('CosineAnnealingLr: tMax', options?.tMax);
    this.tMax = options.tMax;
    this.etaMin = options.etaMin ?? 0;
  }

  protected lrAt(epochsDone: number): number | undefined {
    if (this.baseLr === undefined) return undefined;
    return (
      this.etaMin + ((this.baseLr - this.etaMin) * (1 + Math.cos((Math.PI * epochsDone) / this.tMax))) / 2
    );
  }
}
