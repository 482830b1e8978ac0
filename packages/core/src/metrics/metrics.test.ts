import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireFixtures } from '../testing/fixtures.js';
import { Accuracy, accuracyScore } from './accuracy.js';
import { classificationReport } from './classification-report.js';
import { confusionMatrix } from './confusion-matrix.js';
import { PrecisionRecallF1, precisionRecallFscoreSupport } from './precision-recall-f1.js';
import { meanAbsoluteError, meanSquaredError, RegressionError } from './regression-error.js';
import { averagePrecisionScore, RankingScore, rocAucScore } from './roc-auc.js';

const dir = requireFixtures('mir-tutorial');
type Golden = { value?: unknown; error?: string };
interface MulticlassCase {
  name: string;
  y_true: number[];
  y_pred: number[];
  accuracy_score: Golden;
  classification_report_dict_zero_division_0: Golden;
  confusion_matrix: Golden;
  confusion_matrix_labels: number[];
  [k: string]: unknown;
}
interface MultilabelCase {
  name: string;
  y_true: number[][];
  y_score: number[][];
  tutorial_mask_columns_with_positive: boolean[];
  [k: string]: unknown;
}

const TOL = 1e-12;

function num(v: unknown): number {
  return v === 'NaN' ? Number.NaN : (v as number);
}

function close(actual: number, expected: unknown, label: string): void {
  const e = num(expected);
  if (Number.isNaN(e)) {
    expect(actual, label).toBeNaN();
    return;
  }
  expect(Math.abs(actual - e), `${label}: ${actual} vs ${e}`).toBeLessThanOrEqual(
    TOL * Math.max(1, Math.abs(e)),
  );
}

function closeAll(actual: number | number[], expected: unknown, label: string): void {
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), label).toBe(true);
    (expected as unknown[]).forEach((e, i) => close((actual as number[])[i]!, e, `${label}[${i}]`));
  } else close(actual as number, expected, label);
}

describe.skipIf(!dir)(
  'metrics equal scikit-learn 1.9.1 golden values (mir-tutorial/metrics/golden.json)',
  () => {
    const golden = dir
      ? (JSON.parse(readFileSync(join(dir, 'metrics', 'golden.json'), 'utf8')) as {
          multiclass: MulticlassCase[];
          multilabel: MultilabelCase[];
        })
      : { multiclass: [], multilabel: [] };

    it('covers 6 multiclass and 7 multilabel cases', () => {
      expect(golden.multiclass).toHaveLength(6);
      expect(golden.multilabel).toHaveLength(7);
    });

    for (const c of golden.multiclass) {
      it(`multiclass ${c.name}: accuracy, report, P/R/F1 macro/micro/weighted, confusion matrix`, () => {
        close(accuracyScore(c.y_true, c.y_pred), c.accuracy_score.value, 'accuracy');
        // Streaming in two chunks gives the same numbers.
        const half = Math.floor(c.y_true.length / 2);
        const acc = new Accuracy()
          .update(c.y_true.slice(0, half), c.y_pred.slice(0, half))
          .update(c.y_true.slice(half), c.y_pred.slice(half));
        close(acc.compute(), c.accuracy_score.value, 'streaming accuracy');
        const prf = new PrecisionRecallF1()
          .update(c.y_true.slice(0, half), c.y_pred.slice(0, half))
          .update(c.y_true.slice(half), c.y_pred.slice(half));
        for (const avg of ['macro', 'micro', 'weighted'] as const) {
          const g = (c[`precision_recall_fscore_support_${avg}_zero_division_0`] as Golden)
            .value as unknown[];
          const r = precisionRecallFscoreSupport(c.y_true, c.y_pred, { average: avg });
          close(r.precision, g[0], `${avg} precision`);
          close(r.recall, g[1], `${avg} recall`);
          close(r.f1, g[2], `${avg} f1`);
          const s = prf.compute(avg);
          close(s.f1, g[2], `streaming ${avg} f1`);
        }
        const report = classificationReport(c.y_true, c.y_pred, { zeroDivision: 0 });
        const gr = c.classification_report_dict_zero_division_0.value as Record<
          string,
          Record<string, number> | number
        >;
        expect(Object.keys(report).sort()).toEqual(Object.keys(gr).sort());
        for (const [k, row] of Object.entries(gr)) {
          if (typeof row === 'number') close(report[k] as number, row, k);
          else
            for (const [m, v] of Object.entries(row))
              close((report[k] as unknown as Record<string, number>)[m]!, v, `${k}.${m}`);
        }
        const perClass = precisionRecallFscoreSupport(c.y_true, c.y_pred, { average: 'none' });
        perClass.labels.forEach((l, i) =>
          close(perClass.f1[i]!, (gr[String(l)] as Record<string, number>)['f1-score'], `per-class f1 ${l}`),
        );
        const cm = confusionMatrix(c.y_true, c.y_pred);
        expect(cm.labels).toEqual(c.confusion_matrix_labels);
        expect(cm.matrix).toEqual(c.confusion_matrix.value);
      });
    }

    for (const c of golden.multilabel) {
      it(`multilabel ${c.name}: ROC-AUC and AP (macro/micro/None) and the tutorial's masked macro`, () => {
        for (const avg of ['macro', 'micro', 'None'] as const) {
          const average = avg === 'None' ? 'none' : avg;
          closeAll(
            rocAucScore(c.y_true, c.y_score, { average }),
            (c[`roc_auc_score_${avg}`] as Golden).value,
            `roc_auc ${avg}`,
          );
          closeAll(
            averagePrecisionScore(c.y_true, c.y_score, { average }),
            (c[`average_precision_score_${avg}`] as Golden).value,
            `AP ${avg}`,
          );
        }
        const masked = { average: 'macro' as const, onlyClassesWithPositives: true };
        closeAll(
          rocAucScore(c.y_true, c.y_score, masked),
          (c.tutorial_roc_auc_macro_after_mask as Golden).value,
          'tutorial roc_auc',
        );
        closeAll(
          averagePrecisionScore(c.y_true, c.y_score, masked),
          (c.tutorial_average_precision_macro_after_mask as Golden).value,
          'tutorial AP',
        );
        // Streaming, row by row.
        const auc = new RankingScore('roc-auc');
        const ap = new RankingScore('average-precision');
        c.y_true.forEach((row, i) => {
          auc.update([row], [c.y_score[i]!]);
          ap.update([row], [c.y_score[i]!]);
        });
        closeAll(auc.compute(), (c.roc_auc_score_macro as Golden).value, 'streaming roc_auc');
        closeAll(
          ap.compute({ average: 'micro' }),
          (c.average_precision_score_micro as Golden).value,
          'streaming AP micro',
        );
      });
    }
  },
);

describe('regression errors', () => {
  it('match the scikit-learn documentation examples', () => {
    expect(meanSquaredError([3, -0.5, 2, 7], [2.5, 0.0, 2, 8])).toBeCloseTo(0.375, 12);
    expect(meanAbsoluteError([3, -0.5, 2, 7], [2.5, 0.0, 2, 8])).toBeCloseTo(0.5, 12);
    const t = [
      [0.5, 1],
      [-1, 1],
      [7, -6],
    ];
    const p = [
      [0, 2],
      [-1, 2],
      [8, -5],
    ];
    expect(meanSquaredError(t, p)).toBeCloseTo(0.7083333333333334, 12);
    expect(meanAbsoluteError(t, p)).toBeCloseTo(0.75, 12);
    const s = new RegressionError('mse').update(t.slice(0, 1), p.slice(0, 1)).update(t.slice(1), p.slice(1));
    const [a, b] = s.perOutput();
    expect(a).toBeCloseTo(1.25 / 3, 12);
    expect(b).toBe(1);
    expect(new RegressionError('mae').compute()).toBeNaN();
  });

  it('reject mismatched inputs', () => {
    expect(() => meanSquaredError([1, 2], [1])).toThrow(/inconsistent numbers of samples: 2 vs 1/);
    expect(() => rocAucScore([[1, 0]], [[0.5]])).toThrow(/2 columns, yScore 1/);
    expect(() => rocAucScore([2, 0], [0.1, 0.2])).toThrow(/0\/1 indicators/);
  });
});
