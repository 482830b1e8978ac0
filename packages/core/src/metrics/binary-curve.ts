/** Cumulative true/false positives at each distinct score threshold, scores descending (sklearn `_binary_clf_curve`). */
export interface BinaryCurve {
  fps: number[];
  tps: number[];
  thresholds: number[];
}

export function binaryCurve(yTrue: readonly number[], yScore: readonly number[]): BinaryCurve {
  const order = yScore.map((_, i) => i);
  // Descending by score; ties keep a fixed order (the sums at tie boundaries do not depend on it).
  order.sort((a, b) => yScore[b]! - yScore[a]! || a - b);
  const fps: number[] = [];
  const tps: number[] = [];
  const thresholds: number[] = [];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    if (yTrue[i]! === 1) tp += 1;
    else fp += 1;
    const next = order[k + 1];
    if (next === undefined || yScore[next]! !== yScore[i]!) {
      tps.push(tp);
      fps.push(fp);
      thresholds.push(yScore[i]!);
    }
  }
  return { fps, tps, thresholds };
}

/** Positive-class indicator check: every value must be 0 or 1. */
export function isBinaryIndicator(values: readonly number[]): boolean {
  return values.every((v) => v === 0 || v === 1);
}
