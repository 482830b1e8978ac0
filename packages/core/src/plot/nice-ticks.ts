/** Axis ticks: the domain they span and the values to label. */
export interface Ticks {
  /** Lower end of the axis (the first tick). */
  min: number;
  /** Upper end of the axis (the last tick). */
  max: number;
  values: number[];
}

/** Drops binary floating-point noise (0.30000000000000004 → 0.3). */
function clean(v: number): number {
  return Number(v.toPrecision(12));
}

/** The smallest step of the form 1, 2 or 5 × 10^k that is at least `raw`. */
export function niceStep(raw: number): number {
  const exp = Math.floor(Math.log10(raw));
  const base = 10 ** exp;
  for (const m of [1, 2, 5]) if (m * base >= raw * (1 - 1e-9)) return clean(m * base);
  return clean(10 * base);
}

/**
 * Linear ticks at multiples of a 1/2/5×10^k step, covering `[lo, hi]` with about `target` intervals. A degenerate
 * range is widened around its value; `integer` keeps the step ≥ 1 (epochs).
 */
export function niceTicks(lo: number, hi: number, target = 5, integer = false): Ticks {
  let a = Math.min(lo, hi);
  let b = Math.max(lo, hi);
  if (!Number.isFinite(a) || !Number.isFinite(b)) {
    a = 0;
    b = 1;
  }
  if (a === b) {
    const pad = a === 0 ? 1 : Math.abs(a) * 0.1;
    a -= pad;
    b += pad;
  }
  let step = niceStep((b - a) / Math.max(1, target));
  if (integer) step = Math.max(1, step);
  const first = Math.floor(a / step + 1e-9);
  const last = Math.ceil(b / step - 1e-9);
  const values: number[] = [];
  for (let i = first; i <= last; i++) values.push(clean(i * step));
  return { min: values[0] ?? a, max: values[values.length - 1] ?? b, values };
}

/**
 * Log-scale ticks at powers of ten covering `[lo, hi]` (both > 0), every k-th decade when there are more than
 * `target` of them. The domain is in log10 units.
 */
export function logTicks(lo: number, hi: number, target = 6): Ticks {
  let a = Math.floor(Math.log10(Math.min(lo, hi)) + 1e-9);
  let b = Math.ceil(Math.log10(Math.max(lo, hi)) - 1e-9);
  if (!Number.isFinite(a) || !Number.isFinite(b)) {
    a = 0;
    b = 1;
  }
  if (a === b) b = a + 1;
  const every = Math.max(1, Math.ceil((b - a) / Math.max(1, target)));
  a = Math.floor(a / every) * every;
  b = Math.ceil(b / every) * every;
  const values: number[] = [];
  for (let e = a; e <= b; e += every) values.push(e);
  return { min: a, max: b, values };
}

/** A tick label with as many decimals as the step needs; exponent notation for very large/small values. */
export function formatTick(value: number, step: number): string {
  if (value === 0) return '0';
  const mag = Math.abs(value);
  if (mag >= 1e6 || step < 1e-4) {
    const digits = Math.max(0, Math.floor(Math.log10(mag)) - Math.floor(Math.log10(step)));
    return value
      .toExponential(Math.min(digits, 6))
      .replace(/\.?0+e/, 'e')
      .replace('e+', 'e');
  }
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  return value.toFixed(decimals);
}

/** A label for the power of ten 10^`exp`. */
export function formatDecade(exp: number): string {
  return exp >= -3 && exp <= 5 ? String(clean(10 ** exp)) : `1e${exp}`;
}
