import { Registry } from './registry.js';

const KEY = Symbol.for('@mirkit/core/defaultRegistry');

/**
 * The process-wide registry. It lives on `globalThis` under a `Symbol.for` key, so the ESM and CJS copies of core
 * (or two installed copies) share one instance.
 */
export const defaultRegistry: Registry = ((globalThis as Record<symbol, unknown>)[KEY] ??= new Registry()) as Registry;
