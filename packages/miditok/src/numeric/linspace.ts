/** NumPy `linspace(start, stop, n)` in float64 (`i · step + start`, last value = `stop`). */
export function linspace(start: number, stop: number, n: number): number[] {
  if (n <= 0) return [];
  if (n === 1) return [start];
  const step = (stop - start) / (n - 1);
  const out = new Array<number>(n);
  for (let i = 0; i < n - 1; i++) out[i] = i * step + start;
  out[n - 1] = stop;
  return out;
}

/** NumPy `linspace(start, stop, n, dtype=int)`: the float values floored (NumPy ≥ 1.20). */
export function linspaceInt(start: number, stop: number, n: number): number[] {
  return linspace(start, stop, n).map((v) => Math.floor(v));
}

/** NumPy `geomspace(start, stop, n)` (log-spaced, endpoints exact). */
export function geomspace(start: number, stop: number, n: number): number[] {
  const ls = linspace(Math.log10(start), Math.log10(stop), n).map((v) => 10 ** v);
  if (n > 0) ls[0] = start;
  if (n > 1) ls[n - 1] = stop;
  return ls;
}
