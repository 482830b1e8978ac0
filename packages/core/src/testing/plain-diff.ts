import { isTypedArray } from '../array/nd-array.js';

/**
 * The first difference between two plain-data values, as `'<path>: <what>'`, or `undefined` when they are deeply
 * equal. Typed arrays compare by constructor and elements (`NaN` equals `NaN`, `-0` equals `0`); plain objects
 * by their own keys; arrays by elements.
 */
export function plainDiff(a: unknown, b: unknown, path = ''): string | undefined {
  const at = path === '' ? '(item)' : path;
  if (Object.is(a, b) || (typeof a === 'number' && typeof b === 'number' && a === b)) return undefined;
  if (isTypedArray(a) || isTypedArray(b)) {
    if (!isTypedArray(a) || !isTypedArray(b) || a.constructor !== b.constructor) return `${at}: ${describe(a)} vs ${describe(b)}`;
    if (a.length !== b.length) return `${at}: length ${a.length} vs ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const x = a[i]!;
      const y = b[i]!;
      if (x !== y && !(Number.isNaN(x) && Number.isNaN(y))) return `${at}[${i}]: ${String(x)} vs ${String(y)}`;
    }
    return undefined;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b)) return `${at}: ${describe(a)} vs ${describe(b)}`;
    if (a.length !== b.length) return `${at}: array length ${a.length} vs ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = plainDiff(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    const missing = ka.find((k) => !Object.hasOwn(b, k)) ?? kb.find((k) => !Object.hasOwn(a, k));
    if (missing !== undefined) return `${path === '' ? missing : `${path}.${missing}`}: present in only one value`;
    for (const k of ka) {
      const d = plainDiff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path === '' ? k : `${path}.${k}`);
      if (d) return d;
    }
    return undefined;
  }
  if (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b)) return undefined;
  return `${at}: ${describe(a)} vs ${describe(b)}`;
}

function describe(v: unknown): string {
  if (isTypedArray(v)) return `${v.constructor.name}(${v.length})`;
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (Array.isArray(v)) return `array(${v.length})`;
  if (typeof v === 'object' && v !== null) return 'object';
  return String(v);
}
