/**
 * mir_eval's metric-level variations of a reference (`_get_reference_beat_variations`), in order:
 * `[reference, off-beat, double tempo, half tempo (odd beats), half tempo (even beats)]`. The double-tempo
 * sequence interpolates midpoints as numpy's `interp` does: `(r[i+1] − r[i])·0.5 + r[i]`.
 */
export function referenceVariations(reference: Float64Array): [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array] {
  const n = reference.length;
  const double = new Float64Array(Math.max(0, 2 * n - 1));
  for (let i = 0; i < n; i++) {
    double[2 * i] = reference[i]!;
    if (i + 1 < n) double[2 * i + 1] = (reference[i + 1]! - reference[i]!) * 0.5 + reference[i]!;
  }
  const every = (a: Float64Array, start: number): Float64Array => a.filter((_, i) => i >= start && (i - start) % 2 === 0);
  return [reference, every(double, 1), double, every(reference, 0), every(reference, 1)];
}
