import { ConfigError } from '../errors.js';
import { binaryCurve, isBinaryIndicator } from './binary-curve.js';
import { assertSameLength, toRows, type Matrix, type Vector } from './inputs.js';

export type ScoreAverage = 'macro' | 'micro' | 'weighted' | 'none';

export interface ScoreOptions {
  /** How to combine the classes of a multilabel indicator matrix (default `'macro'`). */
  average?: ScoreAverage;
  /**
   * Drop the classes (columns) without a positive before averaging — the mir-tutorial notebook's procedure
   * (`tutorial_*_after_mask` in the golden file). Default false (sklearn).
   */
  onlyClassesWithPositives?: boolean;
}

/**
 * Binary ROC AUC as sklearn 1.9 computes it: the trapezoidal area under the ROC curve after dropping collinear
 * points. With only one class present it returns NaN (sklearn 1.9 warns and returns NaN; ≤1.2 raised).
 */
export function binaryRocAuc(yTrue: readonly number[], yScore: readonly number[]): number {
  const { fps, tps } = binaryCurve(yTrue, yScore);
  const P = tps.at(-1) ?? 0;
  const N = fps.at(-1) ?? 0;
  if (P === 0 || N === 0) return Number.NaN;
  // drop_intermediate (before prepending the origin, as sklearn): keep the end points and slope changes.
  const keepF: number[] = [0];
  const keepT: number[] = [0];
  for (let i = 0; i < fps.length; i++) {
    const interior = fps.length > 2 && i > 0 && i < fps.length - 1;
    if (
      interior &&
      fps[i + 1]! - 2 * fps[i]! + fps[i - 1]! === 0 &&
      tps[i + 1]! - 2 * tps[i]! + tps[i - 1]! === 0
    )
      continue;
    keepF.push(fps[i]!);
    keepT.push(tps[i]!);
  }
  let area = 0;
  for (let i = 1; i < keepF.length; i++) {
    const x0 = keepF[i - 1]! / N;
    const x1 = keepF[i]! / N;
    area += ((x1 - x0) * (keepT[i]! / P + keepT[i - 1]! / P)) / 2;
  }
  return area;
}

/**
 * Binary average precision as sklearn computes it: `Σ (R_k − R_{k−1}) · P_k` over the precision–recall curve.
 * With no positive, recall is 1 at every threshold and the result is 0 (sklearn warns).
 */
export function binaryAveragePrecision(yTrue: readonly number[], yScore: readonly number[]): number {
  const { fps, tps } = binaryCurve(yTrue, yScore);
  const P = tps.at(-1) ?? 0;
  const precision = tps.map((tp, i) => (tp + fps[i]! === 0 ? 0 : tp / (tp + fps[i]!)));
  const recall = tps.map((tp) => (P === 0 ? 1 : tp / P));
  // sklearn reverses the curve and appends (precision 1, recall 0); AP = −Σ diff(recall)·precision[:-1].
  const pr = [...precision].reverse().concat(1);
  const rc = [...recall].reverse().concat(0);
  let ap = 0;
  for (let i = 0; i < rc.length - 1; i++) ap -= (rc[i + 1]! - rc[i]!) * pr[i]!;
  return ap;
}

function columns(rows: number[][]): number[][] {
  const width = rows[0]?.length ?? 0;
  return Array.from({ length: width }, (_, j) => rows.map((r) => r[j]!));
}

/** Applies a binary score per class and combines the classes like sklearn's `_average_binary_score`. */
export function averageBinaryScore(
  fn: (t: readonly number[], s: readonly number[]) => number,
  yTrueRows: number[][],
  yScoreRows: number[][],
  options: ScoreOptions,
  name: string,
): number | number[] {
  assertSameLength(yTrueRows, yScoreRows, name);
  if (yTrueRows.length === 0) throw new ConfigError('ERR_EMPTY_DATASET', `${name}: no samples`);
  const width = yTrueRows[0]!.length;
  if (yScoreRows[0]!.length !== width) {
    throw new ConfigError(
      'ERR_SHAPE_MISMATCH',
      `${name}: yTrue has ${width} columns, yScore ${yScoreRows[0]!.length}`,
    );
  }
  const flatTrue = yTrueRows.flat();
  if (!isBinaryIndicator(flatTrue))
    throw new ConfigError(
      'ERR_INVALID_OPTION',
      `${name}: yTrue must be 0/1 indicators (binary or multilabel)`,
    );
  let trueCols = columns(yTrueRows);
  let scoreCols = columns(yScoreRows);
  if (options.onlyClassesWithPositives) {
    const keep = trueCols.map((c) => c.some((v) => v === 1));
    trueCols = trueCols.filter((_, j) => keep[j]);
    scoreCols = scoreCols.filter((_, j) => keep[j]);
  }
  const average = options.average ?? 'macro';
  if (average === 'micro') return fn(trueCols.flat(), scoreCols.flat());
  const per = trueCols.map((t, j) => fn(t, scoreCols[j]!));
  if (average === 'none') return per;
  if (width === 1 && !options.onlyClassesWithPositives) return per[0]!;
  if (average === 'macro') return per.reduce((s, v) => s + v, 0) / per.length;
  if (average === 'weighted') {
    const w = trueCols.map((c) => c.reduce((s, v) => s + v, 0));
    const total = w.reduce((s, v) => s + v, 0);
    return total === 0 ? 0 : per.reduce((s, v, j) => s + v * w[j]!, 0) / total;
  }
  throw new ConfigError(
    'ERR_INVALID_OPTION',
    `${name}: average should be 'macro', 'micro', 'weighted' or 'none', but got '${String(average)}'`,
  );
}

/** sklearn `roc_auc_score` for binary labels (1-D) or a multilabel indicator matrix. */
export function rocAucScore(
  yTrue: Matrix | Vector,
  yScore: Matrix | Vector,
  options: ScoreOptions = {},
): number | number[] {
  return averageBinaryScore(
    binaryRocAuc,
    toRows(yTrue, 'yTrue'),
    toRows(yScore, 'yScore'),
    options,
    'rocAucScore',
  );
}

/** sklearn `average_precision_score` for binary labels (1-D) or a multilabel indicator matrix. */
export function averagePrecisionScore(
  yTrue: Matrix | Vector,
  yScore: Matrix | Vector,
  options: ScoreOptions = {},
): number | number[] {
  return averageBinaryScore(
    binaryAveragePrecision,
    toRows(yTrue, 'yTrue'),
    toRows(yScore, 'yScore'),
    options,
    'averagePrecisionScore',
  );
}

/**
 * Streaming ROC AUC / average precision: keeps every (label, score) row seen (an exact AUC needs them all) and
 * computes on demand. `kind` picks the score.
 */
export class RankingScore {
  readonly kind: 'roc-auc' | 'average-precision';
  readonly options: ScoreOptions;
  #true: number[][] = [];
  #score: number[][] = [];

  constructor(kind: 'roc-auc' | 'average-precision', options: ScoreOptions = {}) {
    this.kind = kind;
    this.options = options;
  }

  update(yTrue: Matrix | Vector, yScore: Matrix | Vector): this {
    const t = toRows(yTrue, 'yTrue');
    const s = toRows(yScore, 'yScore');
    assertSameLength(t, s, `${this.kind} update`);
    this.#true.push(...t);
    this.#score.push(...s);
    return this;
  }

  compute(options: ScoreOptions = this.options): number | number[] {
    const fn = this.kind === 'roc-auc' ? binaryRocAuc : binaryAveragePrecision;
    return averageBinaryScore(fn, this.#true, this.#score, options, this.kind);
  }

  reset(): void {
    this.#true = [];
    this.#score = [];
  }
}
