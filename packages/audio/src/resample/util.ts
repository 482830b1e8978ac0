import { ConfigError } from '@mirkit/core';

export function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

export function checkRate(name: string, value: number): void {
  if (!Number.isInteger(value) || value <= 0) throw new ConfigError('ERR_INVALID_OPTION', `${name} should be a positive integer, but got ${value}`);
}

/** Modified Bessel function of the first kind, order 0 (power series; converges for the β used here). */
export function besselI0(x: number): number {
  const q = (x * x) / 4;
  let term = 1;
  let sum = 1;
  for (let k = 1; k < 500; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}
