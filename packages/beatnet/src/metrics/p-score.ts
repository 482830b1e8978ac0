import { roundHalfEven } from '../numeric/round-half-even.js';
import { validateBeats, type BeatTimes } from './validate-beats.js';

/** numpy `median` (mean of the two middle values for an even count). */
function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * `mir_eval.beat.p_score` (McKinney et al. 2007): cross-correlation of 10-ms impulse trains (impulse at
 * `ceil(t·100)` after shifting both by the joint minimum) summed over lags within ±`threshold`·median reference
 * interval, divided by the longer sequence's length. 0 when either input has at most one beat.
 */
export function pScore(reference: BeatTimes, estimate: BeatTimes, threshold = 0.2): number {
  const ref = validateBeats(reference, 'reference');
  const est = validateBeats(estimate, 'estimate');
  if (ref.length <= 1 || est.length <= 1) return 0;
  const rate = 100;
  const offset = Math.min(ref[0]!, est[0]!); // both are sorted (validated)
  const impulses = (beats: Float64Array): number[] => [...new Set(Array.from(beats, (t) => Math.ceil((t - offset) * rate)))].sort((a, b) => a - b);
  const refIdx = impulses(ref);
  const estIdx = impulses(est);
  const intervals = refIdx.slice(1).map((v, i) => v - refIdx[i]!);
  // mir_eval fails on a reference whose beats all fall into one 10-ms bin; a window of 0 is used here instead.
  const win = intervals.length === 0 ? 0 : roundHalfEven(threshold * median(intervals));
  // Σ over lags |k| ≤ win of Σ_n ref[n+k]·est[n] = number of impulse pairs at most `win` bins apart.
  let pairs = 0;
  let lo = 0;
  for (const e of estIdx) {
    while (lo < refIdx.length && refIdx[lo]! < e - win) lo++;
    for (let i = lo; i < refIdx.length && refIdx[i]! <= e + win; i++) pairs++;
  }
  return pairs / Math.max(est.length, ref.length);
}
