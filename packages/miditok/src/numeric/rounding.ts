/** C++ `std::round`: half away from zero. */
export function roundHalfAway(x: number): number {
  return x < 0 ? -Math.floor(-x + 0.5) : Math.floor(x + 0.5);
}

/** NumPy `rint`: round half to even. */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/** Python floor division of integers (toward −∞). */
export function floorDiv(a: number, b: number): number {
  return Math.floor(a / b);
}

/** Truncation toward zero (C cast / NumPy float → int). */
export function trunc(x: number): number {
  return Math.trunc(x);
}

/** NumPy `x.round(decimals)`: `rint(x · 10^d) / 10^d`. */
export function npRound(x: number, decimals: number): number {
  const s = 10 ** decimals;
  return roundHalfEven(x * s) / s;
}

/**
 * Python's `round(x, 2)`: correctly rounded on the exact binary value, ties to even. JavaScript's `toFixed` is also
 * exact but breaks ties upwards, so exact ties are detected and fixed.
 */
export function pyRound(x: number, decimals: number): number {
  const fixed = x.toFixed(decimals);
  const exact = x.toFixed(Math.min(100, decimals + 60));
  const tail = exact.slice(exact.indexOf('.') + 1 + decimals).replace(/0+$/, '');
  if (tail === '5') {
    const down = Number(exact.slice(0, exact.indexOf('.') + 1 + decimals));
    const lastDigit = Number(exact.charAt(exact.indexOf('.') + decimals));
    if (lastDigit % 2 === 0) return down;
  }
  return Number(fixed);
}

/** Python `repr(float)`: shortest round-trip digits, always with a decimal point (`40.0`, `121.29`). */
export function pyFloatRepr(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e16) return `${x}.0`;
  return String(x);
}
