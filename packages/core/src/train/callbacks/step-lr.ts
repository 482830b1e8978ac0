import { assertPositiveInt } from '../../data/validate.js';
import { LrScheduler } from './lr-scheduler.js';

export interface StepLrOptions {
  /** Epochs between decays. */
  stepSize: number;
  /** Multiplicative decay (default 0.1). */
  gamma?: number;
}

/** torch's StepLR: `lr = base · gamma^floor(epoch / stepSize)`, stepped after every epoch. */
export class StepLr extends LrScheduler {
  readonly stepSize: number;
  readonly gamma: number;

  constructor(options: StepLrOptions) {
    super();
    assertPositiveInt('StepLr: stepSize', options?.stepSize);
    this.stepSize = options.stepSize;
    this.gamma = options.gamma ?? 0.1;
  }

  protected lrAt(epochsDone: number): number | undefined {
    return this.baseLr === undefined
      ? undefined
      : this.baseLr * this.gamma ** Math.floor(epochsDone / this.stepSize);
  }
}
