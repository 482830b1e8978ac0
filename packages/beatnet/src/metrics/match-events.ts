/** Index of the first element of sorted `a` that is `>= x` (side 'left') or `> x` (side 'right'). */
export function searchSorted(a: Float64Array, x: number, side: 'left' | 'right'): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (side === 'left' ? a[mid]! < x : a[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * `mir_eval.util.match_events` with the default window test: reference `r` and estimate `e` can match when
 * `e − window ≤ r ≤ e + window`, evaluated literally in float64 through a sorted search (so 10.0 vs 10.07 with
 * window 0.07 is a hit although `|10.0 − 10.07| > 0.07` in float64). Returns a maximum matching as
 * `[referenceIndex, estimateIndex]` pairs sorted by estimate index.
 */
export function matchEvents(reference: Float64Array, estimate: Float64Array, window: number): [number, number][] {
  const order = Array.from(reference.keys()).sort((a, b) => reference[a]! - reference[b]! || a - b);
  const sorted = Float64Array.from(order, (i) => reference[i]!);
  // Candidate references of each estimate.
  const candidates: number[][] = [];
  for (let j = 0; j < estimate.length; j++) {
    const start = searchSorted(sorted, estimate[j]! - window, 'left');
    const end = searchSorted(sorted, estimate[j]! + window, 'right');
    candidates.push(order.slice(start, end));
  }
  // Maximum bipartite matching (augmenting paths, Kuhn); the matching size is what the metrics use.
  const refOwner = new Int32Array(reference.length).fill(-1);
  const estMatch = new Int32Array(estimate.length).fill(-1);
  const visited = new Uint8Array(reference.length);
  const augment = (j: number): boolean => {
    for (const r of candidates[j]!) {
      if (visited[r]) continue;
      visited[r] = 1;
      if (refOwner[r] === -1 || augment(refOwner[r]!)) {
        refOwner[r] = j;
        estMatch[j] = r;
        return true;
      }
    }
    return false;
  };
  for (let j = 0; j < estimate.length; j++) {
    if (candidates[j]!.length === 0) continue;
    visited.fill(0);
    augment(j);
  }
  const pairs: [number, number][] = [];
  estMatch.forEach((r, j) => {
    if (r >= 0) pairs.push([r, j]);
  });
  return pairs;
}
