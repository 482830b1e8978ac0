import { ConfigError } from '../errors.js';
import { assertSameLength, toRows, type Matrix, type Vector } from './inputs.js';

/**
 * Streaming mean squared / absolute error (sklearn `mean_squared_error` / `mean_absolute_error` with
 * `multioutput='uniform_average'`): per-output means, then their average.
 */
export class RegressionError {
  readonly kind: 'mse' | 'mae';
  #sums: number[] = [];
  #count = 0;

  constructor(kind: 'mse' | 'mae') {
    this.kind = kind;
  }

  update(yTrue: Matrix | Vector, yPred: Matrix | Vector): this {
    const t = toRows(yTrue, 'yTrue');
    const p = toRows(yPred, 'yPred');
    assertSameLength(t, p, `${this.kind} update`);
    const width = t[0]?.length ?? 0;
    if (this.#count > 0 && width !== this.#sums.length && t.length > 0) {
      throw new ConfigError(
        'ERR_SHAPE_MISMATCH',
        `${this.kind}: ${width} outputs, earlier updates had ${this.#sums.length}`,
      );
    }
    if (this.#count === 0) this.#sums = new Array<number>(width).fill(0);
    t.forEach((row, i) => {
      const q = p[i]!;
      if (q.length !== row.length)
        throw new ConfigError(
          'ERR_SHAPE_MISMATCH',
          `${this.kind}: row ${i} has ${row.length} targets but ${q.length} predictions`,
        );
      row.forEach((v, j) => {
        const d = v - q[j]!;
        this.#sums[j]! += this.kind === 'mse' ? d * d : Math.abs(d);
      });
    });
    this.#count += t.length;
    return this;
  }

  /** Error per output. */
  perOutput(): number[] {
    return this.#sums.map((s) => s / this.#count);
  }

  /** Average over outputs; NaN before any sample. */
  compute(): number {
    if (this.#count === 0) return Number.NaN;
    const per = this.perOutput();
    return per.reduce((s, v) => s + v, 0) / per.length;
  }

  reset(): void {
    this.#sums = [];
    this.#count = 0;
  }
}

export function meanSquaredError(yTrue: Matrix | Vector, yPred: Matrix | Vector): number {
  return new RegressionError('mse').update(yTrue, yPred).compute();
}

export function meanAbsoluteError(yTrue: Matrix | Vector, yPred: Matrix | Vector): number {
  return new RegressionError('mae').update(yTrue, yPred).compute();
}
