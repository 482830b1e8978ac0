import { ConfigError } from '../errors.js';
import { binaryCurve, isBinaryIndicator } from './binary-curve.js';
import { assertSameLength, toRows, uniqueSorted, type Matrix, type Vector } from './inputs.js';
import {
  averageMulticlassOvoScore,
  checkProbabilityRows,
  encodeMulticlassTargets,
  labelBinarize,
  type MultiClass,
} from './multiclass-scores.js';

export type ScoreAverage = 'macro' | 'micro' | 'weighted' | 'none';

export interface ScoreOptions {
  /** How to combine the classes of a multilabel indicator matrix (default `'macro'`). */
  average?: ScoreAverage;
  /**
   * Drop the classes (columns) without a positive before averaging — the mir-tutorial notebook's procedure
   * (`tutorial_*_after_mask` in the golden file). Default false (sklearn).
   */
  onlyClassesWithPositives?: boolean;
  /**
   * ROC AUC of multiclass labels (1-D `yTrue` with more than two classes, or `yScore` with more than two columns):
   * sklearn's `multi_class`, required there (no default, as sklearn's `'raise'`). `'ovr'` takes `average`
   * `'macro'`, `'weighted'`, `'micro'` or `'none'`; `'ovo'` (Hand & Till) `'macro'` or `'weighted'`. Ignored for
   * binary and multilabel input, as in sklearn.
   */
  multiClass?: MultiClass;
  /** Multiclass only: the class of each `yScore` column, ascending (default: the sorted labels of `yTrue`). */
  labels?: readonly number[];
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

/** sklearn's multiclass test: 1-D labels with more than two classes, or more than two score columns. */
function isMulticlass(yTrueRows: number[][], yScoreRows: number[][]): boolean {
  if (yTrueRows[0]?.length !== 1) return false;
  return (yScoreRows[0]?.length ?? 0) > 2 || uniqueSorted(yTrueRows.flat()).length > 2;
}

/** sklearn `_multiclass_roc_auc_score`: probability check, option checks, then one-vs-rest or one-vs-one. */
function multiclassRocAuc(
  yTrue: number[],
  yScoreRows: number[][],
  options: ScoreOptions,
  name: string,
): number | number[] {
  const { multiClass } = options;
  if (multiClass !== 'ovr' && multiClass !== 'ovo')
    throw new ConfigError(
      'ERR_INVALID_OPTION',
      `${name}: multiclass labels need multiClass 'ovr' or 'ovo', but got ${multiClass === undefined ? 'none' : `'${String(multiClass)}'`}`,
    );
  if (options.onlyClassesWithPositives)
    throw new ConfigError(
      'ERR_INVALID_OPTION',
      `${name}: onlyClassesWithPositives is for multilabel input only`,
    );
  assertSameLength(yTrue, yScoreRows, name);
  if (yTrue.length === 0) throw new ConfigError('ERR_EMPTY_DATASET', `${name}: no samples`);
  checkProbabilityRows(yScoreRows, name);
  const average = options.average ?? 'macro';
  if (multiClass === 'ovo' && average === 'none')
    throw new ConfigError(
      'ERR_INVALID_OPTION',
      `${name}: average 'none' is not implemented for multiClass 'ovo' (as in sklearn)`,
    );
  const allowed: readonly ScoreAverage[] =
    multiClass === 'ovr' ? ['micro', 'macro', 'weighted', 'none'] : ['macro', 'weighted'];
  if (!allowed.includes(average))
    throw new ConfigError(
      'ERR_INVALID_OPTION',
      `${name}: average should be one of ${allowed.map((a) => `'${a}'`).join(', ')} for multiClass '${multiClass}', but got '${String(average)}'`,
    );
  const { classes, encoded } = encodeMulticlassTargets(yTrue, yScoreRows[0]!.length, options.labels, name);
  if (multiClass === 'ovo')
    return averageMulticlassOvoScore(binaryRocAuc, encoded, yScoreRows, average as 'macro' | 'weighted');
  return averageBinaryScore(
    binaryRocAuc,
    labelBinarize(encoded, classes.length),
    yScoreRows,
    { average },
    name,
  );
}

function rocAucRows(
  yTrueRows: number[][],
  yScoreRows: number[][],
  options: ScoreOptions,
  name: string,
): number | number[] {
  if (isMulticlass(yTrueRows, yScoreRows))
    return multiclassRocAuc(yTrueRows.flat(), yScoreRows, options, name);
  return averageBinaryScore(binaryRocAuc, yTrueRows, yScoreRows, options, name);
}

/**
 * sklearn `roc_auc_score` for binary labels (1-D), a multilabel indicator matrix, or multiclass labels (1-D) with
 * per-class probabilities (`multiClass: 'ovr' | 'ovo'`, optional `labels`).
 */
export function rocAucScore(
  yTrue: Matrix | Vector,
  yScore: Matrix | Vector,
  options: ScoreOptions = {},
): number | number[] {
  return rocAucRows(toRows(yTrue, 'yTrue'), toRows(yScore, 'yScore'), options, 'rocAucScore');
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
 * computes on demand. `kind` picks the score; ROC AUC also takes multiclass labels (see `ScoreOptions.multiClass`).
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
    for (const [rows, seen, what] of [
      [t, this.#true, 'yTrue'],
      [s, this.#score, 'yScore'],
    ] as const) {
      const before = seen[0]?.length;
      const now = rows[0]?.length;
      if (before !== undefined && now !== undefined && before !== now)
        throw new ConfigError(
          'ERR_SHAPE_MISMATCH',
          `${this.kind} update: ${what} has ${now} columns, earlier updates had ${before}`,
        );
    }
    this.#true.push(...t);
    this.#score.push(...s);
    return this;
  }

  compute(options: ScoreOptions = this.options): number | number[] {
    if (this.kind === 'roc-auc') return rocAucRows(this.#true, this.#score, options, this.kind);
    return averageBinaryScore(binaryAveragePrecision, this.#true, this.#score, options, this.kind);
  }

  reset(): void {
    this.#true = [];
    this.#score = [];
  }
}
