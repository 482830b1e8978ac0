import { ConfigError } from '../errors.js';
import { uniqueSorted } from './inputs.js';

/** sklearn's `multi_class`: one-vs-rest or one-vs-one (Hand & Till 2001). */
export type MultiClass = 'ovr' | 'ovo';

export interface MulticlassTargets {
  /** The class labels, ascending, one per score column. */
  classes: number[];
  /** Per sample, the column index of its true class. */
  encoded: number[];
}

/**
 * Multiclass scores must be probabilities: every row sums to 1 within numpy's `allclose` tolerance
 * (|1 − s| ≤ 1e-8 + 1e-5·|s|), as sklearn's `_multiclass_roc_auc_score` checks. Names the first row at fault.
 */
export function checkProbabilityRows(yScore: readonly (readonly number[])[], name: string): void {
  yScore.forEach((row, i) => {
    let s = 0;
    for (const v of row) s += v;
    if (!(Math.abs(1 - s) <= 1e-8 + 1e-5 * Math.abs(s)))
      throw new ConfigError(
        'ERR_INVALID_OPTION',
        `${name}: yScore row ${i} sums to ${s}, but multiclass scores must be probabilities summing to 1 over the classes`,
      );
  });
}

/**
 * Resolves the class set (the sorted labels of `yTrue`, or `labels` given explicitly) and encodes `yTrue` as column
 * indices, with sklearn's checks: `labels` unique, ascending, one per score column, covering every `yTrue` label.
 */
export function encodeMulticlassTargets(
  yTrue: readonly number[],
  nColumns: number,
  labels: readonly number[] | undefined,
  name: string,
): MulticlassTargets {
  yTrue.forEach((v, i) => {
    if (!Number.isFinite(v))
      throw new ConfigError('ERR_INVALID_OPTION', `${name}: yTrue label at index ${i} is not finite (${v})`);
  });
  let classes: number[];
  if (labels !== undefined) {
    classes = [...labels];
    const sorted = uniqueSorted(classes);
    if (sorted.length !== classes.length)
      throw new ConfigError(
        'ERR_INVALID_OPTION',
        `${name}: labels must be unique, got [${classes.join(', ')}]`,
      );
    if (sorted.some((v, i) => v !== classes[i]))
      throw new ConfigError(
        'ERR_INVALID_OPTION',
        `${name}: labels must be ascending, got [${classes.join(', ')}]`,
      );
    if (classes.length !== nColumns)
      throw new ConfigError(
        'ERR_SHAPE_MISMATCH',
        `${name}: ${classes.length} labels given but yScore has ${nColumns} columns`,
      );
  } else {
    classes = uniqueSorted([...yTrue]);
    if (classes.length !== nColumns)
      throw new ConfigError(
        'ERR_SHAPE_MISMATCH',
        `${name}: yTrue has ${classes.length} classes but yScore has ${nColumns} columns (pass labels if some class is absent)`,
      );
  }
  const index = new Map(classes.map((c, j) => [c, j]));
  const encoded = yTrue.map((v, i) => {
    const j = index.get(v);
    if (j === undefined)
      throw new ConfigError(
        'ERR_INVALID_OPTION',
        `${name}: yTrue label ${v} at index ${i} is not in labels [${classes.join(', ')}]`,
      );
    return j;
  });
  return { classes, encoded };
}

/** One-hot rows (sklearn `label_binarize`) of encoded class indices. */
export function labelBinarize(encoded: readonly number[], nClasses: number): number[][] {
  return encoded.map((j) => {
    const row = new Array<number>(nClasses).fill(0);
    row[j] = 1;
    return row;
  });
}

/**
 * sklearn `_average_multiclass_ovo_score`: for each pair a < b of classes present in `encoded`, the mean of the
 * binary score of a against b (column a, samples of a or b) and of b against a (column b); then the plain mean over
 * pairs (`'macro'`) or the mean weighted by the fraction of samples in the pair (`'weighted'`). NaN when fewer than
 * two classes are present.
 */
export function averageMulticlassOvoScore(
  fn: (t: readonly number[], s: readonly number[]) => number,
  encoded: readonly number[],
  yScore: readonly (readonly number[])[],
  average: 'macro' | 'weighted',
): number {
  const present = uniqueSorted([...encoded]);
  let sum = 0;
  let weights = 0;
  for (let ia = 0; ia < present.length; ia++) {
    for (let ib = ia + 1; ib < present.length; ib++) {
      const a = present[ia]!;
      const b = present[ib]!;
      const aTrue: number[] = [];
      const aScore: number[] = [];
      const bScore: number[] = [];
      encoded.forEach((c, i) => {
        if (c !== a && c !== b) return;
        aTrue.push(c === a ? 1 : 0);
        aScore.push(yScore[i]![a]!);
        bScore.push(yScore[i]![b]!);
      });
      const pair =
        (fn(aTrue, aScore) +
          fn(
            aTrue.map((v) => 1 - v),
            bScore,
          )) /
        2;
      const w = average === 'weighted' ? aTrue.length / encoded.length : 1;
      sum += pair * w;
      weights += w;
    }
  }
  return weights === 0 ? Number.NaN : sum / weights;
}
