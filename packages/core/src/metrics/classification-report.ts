import { ConfusionMatrix } from './confusion-matrix.js';
import type { Vector } from './inputs.js';
import { averagePrf, prfFromConfusion } from './precision-recall-f1.js';

export interface ReportRow {
  precision: number;
  recall: number;
  'f1-score': number;
  support: number;
}

/** sklearn `classification_report(output_dict=True)`: one row per label (keyed by its string), averages, accuracy. */
export type ClassificationReport = Record<string, ReportRow | number>;

/**
 * Same keys and numbers as sklearn's dict report over the labels found in `yTrue` ∪ `yPred`: `"<label>"` rows,
 * `"accuracy"`, `"macro avg"`, `"weighted avg"`.
 */
export function classificationReport(
  yTrue: Vector,
  yPred: Vector,
  options: { zeroDivision?: number } = {},
): ClassificationReport {
  const result = new ConfusionMatrix().update(yTrue, yPred).compute();
  const z = options.zeroDivision ?? 0;
  const per = prfFromConfusion(result, z);
  const report: ClassificationReport = {};
  per.labels.forEach((label, i) => {
    report[String(label)] = {
      precision: per.precision[i]!,
      recall: per.recall[i]!,
      'f1-score': per.f1[i]!,
      support: per.support[i]!,
    };
  });
  const total = per.support.reduce((s, v) => s + v, 0);
  report.accuracy = averagePrf(result, 'micro', z).f1;
  for (const [name, avg] of [
    ['macro avg', 'macro'],
    ['weighted avg', 'weighted'],
  ] as const) {
    const a = averagePrf(result, avg, z);
    report[name] = { precision: a.precision, recall: a.recall, 'f1-score': a.f1, support: total };
  }
  return report;
}
