/**
 * MidiTok's `np_get_closest` for one value over an ascending array: the nearest element, ties going to the
 * higher one (`searchsorted` left, step back only when strictly closer).
 */
export function closestIndex(sorted: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  const i = lo;
  if (i === sorted.length) return i - 1;
  if (i > 0 && Math.abs(value - sorted[i - 1]!) < Math.abs(value - sorted[i]!)) return i - 1;
  return i;
}

/** The value of {@link closestIndex}. */
export function closestValue(sorted: ArrayLike<number>, value: number): number {
  return sorted[closestIndex(sorted, value)]!;
}
