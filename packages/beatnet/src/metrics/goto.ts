import { validateBeats, type BeatTimes } from './validate-beats.js';

function mean(values: Float64Array): number {
  if (values.length === 0) return Number.NaN;
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

/** Sample standard deviation (ddof 1); NaN for fewer than two values, like numpy. */
function sampleStd(values: Float64Array): number {
  if (values.length < 2) return Number.NaN;
  const m = mean(values);
  let s = 0;
  for (const v of values) s += (v - m) * (v - m);
  return Math.sqrt(s / (values.length - 1));
}

/** Python slice `a[start:end]` with negative indices counted from the end. */
function pySlice(a: Float64Array, start: number, end: number): Float64Array {
  const norm = (i: number) => (i < 0 ? Math.max(0, a.length + i) : Math.min(i, a.length));
  return a.slice(norm(start), Math.max(norm(start), norm(end)));
}

/**
 * `mir_eval.beat.goto` (Goto & Muraoka 1997): 1 when a continuous correctly tracked segment covers more than
 * 25 % of the reference and its errors have mean |e| < μ and std (ddof 1) < σ, else 0. Reproduces mir_eval's
 * slicing exactly (the `bad[-1] − 1` end when fewer than three beats are wrong, both endpoints otherwise).
 */
export function goto(reference: BeatTimes, estimate: BeatTimes, threshold = 0.35, mu = 0.2, sigma = 0.2): number {
  const ref = validateBeats(reference, 'reference');
  const est = validateBeats(estimate, 'estimate');
  if (ref.length === 0 || est.length === 0) return 0;
  const n = ref.length;
  const error = new Float64Array(n).fill(1);
  for (let k = 1; k < n - 1; k++) {
    const previous = 0.5 * (ref[k]! - ref[k - 1]!);
    const windowMin = ref[k]! - previous;
    const next = 0.5 * (ref[k + 1]! - ref[k]!);
    const windowMax = ref[k]! + next;
    let count = 0;
    let inside = 0;
    for (const e of est) {
      if (e >= windowMin && e < windowMax) {
        count++;
        inside = e;
      }
    }
    if (count === 1) {
      const offset = inside - ref[k]!;
      error[k] = offset < 0 ? offset / previous : offset / next;
    }
  }
  const bad: number[] = [];
  error.forEach((e, i) => {
    if (Math.abs(e) > threshold) bad.push(i);
  });
  let track: Float64Array | undefined;
  if (bad.length < 3) {
    track = pySlice(error, bad[0]! + 1, bad[bad.length - 1]! - 1);
  } else {
    let longest = -Infinity;
    let start = 0;
    for (let i = 0; i + 1 < bad.length; i++) {
      const gap = bad[i + 1]! - bad[i]!;
      if (gap > longest) {
        longest = gap;
        start = i;
      }
    }
    if (longest - 1 > 0.25 * (n - 2)) track = error.slice(bad[start]!, bad[start + 1]! + 1);
  }
  if (!track) return 0;
  const meanAbs = mean(track.map(Math.abs));
  return meanAbs < mu && sampleStd(track) < sigma ? 1 : 0;
}
