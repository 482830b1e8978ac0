/**
 * Python's `round(x)` for a float64: the nearest integer, ties to even (`round(0.5) == 0`, `round(411.5) == 412`).
 * JavaScript's `Math.round` rounds ties towards +∞ and differs on every exact `.5`.
 */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  // Math.round(x) − x is exactly 0.5 only for a tie (exact in float64 for |x| < 2^52).
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
