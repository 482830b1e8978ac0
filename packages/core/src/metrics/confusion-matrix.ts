import { ConfigError } from '../errors.js';
import { assertSameLength, toVector, uniqueSorted, type Vector } from './inputs.js';

export interface ConfusionMatrixResult {
  /** Class labels, in row/column order. */
  labels: number[];
  /** `matrix[i][j]`: samples of true class `labels[i]` predicted as `labels[j]`. */
  matrix: number[][];
}

/**
 * Streaming confusion matrix (sklearn `confusion_matrix`): rows are true labels, columns predictions. Without
 * fixed `labels`, the label set is the sorted union of every label seen. Precision/recall/F1 derive from it.
 */
export class ConfusionMatrix {
  readonly #fixed: number[] | undefined;
  #counts = new Map<number, Map<number, number>>();
  #seen = new Set<number>();

  constructor(options: { labels?: readonly number[] } = {}) {
    this.#fixed = options.labels ? [...options.labels] : undefined;
  }

  update(yTrue: Vector, yPred: Vector): this {
    const t = toVector(yTrue, 'yTrue');
    const p = toVector(yPred, 'yPred');
    assertSameLength(t, p, 'ConfusionMatrix.update');
    for (let i = 0; i < t.length; i++) {
      const a = t[i]!;
      const b = p[i]!;
      if (!Number.isFinite(a) || !Number.isFinite(b))
        throw new ConfigError(
          'ERR_INVALID_OPTION',
          `ConfusionMatrix: label at index ${i} is not finite (${a}, ${b})`,
        );
      this.#seen.add(a).add(b);
      let row = this.#counts.get(a);
      if (!row) this.#counts.set(a, (row = new Map()));
      row.set(b, (row.get(b) ?? 0) + 1);
    }
    return this;
  }

  get labels(): number[] {
    return this.#fixed ?? uniqueSorted([...this.#seen]);
  }

  compute(): ConfusionMatrixResult {
    const labels = this.labels;
    const matrix = labels.map((a) => labels.map((b) => this.#counts.get(a)?.get(b) ?? 0));
    return { labels, matrix };
  }

  reset(): void {
    this.#counts = new Map();
    this.#seen = new Set();
  }
}

/** One-shot confusion matrix. */
export function confusionMatrix(
  yTrue: Vector,
  yPred: Vector,
  options: { labels?: readonly number[] } = {},
): ConfusionMatrixResult {
  return new ConfusionMatrix(options).update(yTrue, yPred).compute();
}
