import { ConfigError } from '../errors.js';
import { ConfusionMatrix, type ConfusionMatrixResult } from './confusion-matrix.js';
import type { Vector } from './inputs.js';

export type ClassAverage = 'macro' | 'micro' | 'weighted' | 'none';

export interface PrfOptions {
  /** Value when a ratio is 0/0 (sklearn `zero_division`, default 0). */
  zeroDivision?: number;
}

export interface PrfPerClass {
  labels: number[];
  precision: number[];
  recall: number[];
  f1: number[];
  support: number[];
}

export interface PrfAverage {
  precision: number;
  recall: number;
  f1: number;
}

const divide = (a: number, b: number, zero: number): number => (b === 0 ? zero : a / b);

/** Per-class precision, recall, F1 and support from a confusion matrix (sklearn's formulas, F1 = 2tp/(t+p)). */
export function prfFromConfusion(cm: ConfusionMatrixResult, zeroDivision = 0): PrfPerClass {
  const n = cm.labels.length;
  const tp = cm.matrix.map((r, i) => r[i]!);
  const trueSum = cm.matrix.map((r) => r.reduce((s, v) => s + v, 0));
  const predSum = Array.from({ length: n }, (_, j) => cm.matrix.reduce((s, r) => s + r[j]!, 0));
  return {
    labels: cm.labels,
    precision: tp.map((t, i) => divide(t, predSum[i]!, zeroDivision)),
    recall: tp.map((t, i) => divide(t, trueSum[i]!, zeroDivision)),
    f1: tp.map((t, i) => divide(2 * t, trueSum[i]! + predSum[i]!, zeroDivision)),
    support: trueSum,
  };
}

function mean(a: number[]): number {
  let s = 0;
  for (const v of a) s += v;
  return s / a.length;
}

function weightedMean(a: number[], w: number[], zero: number): number {
  const total = w.reduce((s, v) => s + v, 0);
  if (total === 0) return zero;
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * w[i]!;
  return s / total;
}

/** Averages per-class scores the way sklearn's `precision_recall_fscore_support(average=…)` does. */
export function averagePrf(
  cm: ConfusionMatrixResult,
  average: Exclude<ClassAverage, 'none'>,
  zeroDivision = 0,
): PrfAverage {
  const per = prfFromConfusion(cm, zeroDivision);
  if (average === 'micro') {
    const tp = cm.matrix.reduce((s, r, i) => s + r[i]!, 0);
    const total = cm.matrix.reduce((s, r) => s + r.reduce((a, b) => a + b, 0), 0);
    // Multiclass: every sample is one true and one predicted label, so Σtp/Σpred = Σtp/Σtrue.
    const p = divide(tp, total, zeroDivision);
    return { precision: p, recall: p, f1: divide(2 * tp, 2 * total, zeroDivision) };
  }
  if (per.labels.length === 0)
    throw new ConfigError('ERR_EMPTY_DATASET', 'precision/recall/F1 of an empty set of labels');
  if (average === 'macro')
    return { precision: mean(per.precision), recall: mean(per.recall), f1: mean(per.f1) };
  return {
    precision: weightedMean(per.precision, per.support, zeroDivision),
    recall: weightedMean(per.recall, per.support, zeroDivision),
    f1: weightedMean(per.f1, per.support, zeroDivision),
  };
}

/**
 * Streaming precision/recall/F1 for multiclass labels (sklearn `precision_recall_fscore_support`), macro,
 * micro, weighted or per class. Accumulates a confusion matrix.
 */
export class PrecisionRecallF1 {
  readonly cm: ConfusionMatrix;
  readonly zeroDivision: number;

  constructor(options: PrfOptions = {}) {
    this.cm = new ConfusionMatrix();
    this.zeroDivision = options.zeroDivision ?? 0;
  }

  update(yTrue: Vector, yPred: Vector): this {
    this.cm.update(yTrue, yPred);
    return this;
  }

  compute(average: Exclude<ClassAverage, 'none'>): PrfAverage {
    return averagePrf(this.cm.compute(), average, this.zeroDivision);
  }

  perClass(): PrfPerClass {
    return prfFromConfusion(this.cm.compute(), this.zeroDivision);
  }

  reset(): void {
    this.cm.reset();
  }
}

/** One-shot `precision_recall_fscore_support`: averaged, or per class with `average: 'none'`. */
export function precisionRecallFscoreSupport(
  yTrue: Vector,
  yPred: Vector,
  options: PrfOptions & { average: 'none' },
): PrfPerClass;
export function precisionRecallFscoreSupport(
  yTrue: Vector,
  yPred: Vector,
  options: PrfOptions & { average: Exclude<ClassAverage, 'none'> },
): PrfAverage;
export function precisionRecallFscoreSupport(
  yTrue: Vector,
  yPred: Vector,
  options: PrfOptions & { average: ClassAverage },
): PrfPerClass | PrfAverage {
  const m = new PrecisionRecallF1(options).update(yTrue, yPred);
  return options.average === 'none' ? m.perClass() : m.compute(options.average);
}
