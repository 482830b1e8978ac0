import { assertSameLength, toVector, type Vector } from './inputs.js';

/** Streaming accuracy (sklearn `accuracy_score`): fraction of exact label matches. NaN before any sample. */
export class Accuracy {
  correct = 0;
  total = 0;

  update(yTrue: Vector, yPred: Vector): this {
    const t = toVector(yTrue, 'yTrue');
    const p = toVector(yPred, 'yPred');
    assertSameLength(t, p, 'Accuracy.update');
    for (let i = 0; i < t.length; i++) if (t[i] === p[i]) this.correct += 1;
    this.total += t.length;
    return this;
  }

  compute(): number {
    return this.total === 0 ? Number.NaN : this.correct / this.total;
  }

  reset(): void {
    this.correct = 0;
    this.total = 0;
  }
}

export function accuracyScore(yTrue: Vector, yPred: Vector): number {
  return new Accuracy().update(yTrue, yPred).compute();
}
