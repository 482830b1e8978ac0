import type { Collator } from '../data/collator.js';
import { defaultCollate } from '../data/collate.js';
import { fixedLengthCollate, padCollate, type FixedLengthCollateOptions, type PadCollateOptions } from '../data/pad-collate.js';
import { ConfigError } from '../errors.js';
import { importExport, type BuildDatasetOptions } from './build-dataset.js';
import { validateModuleSpec, type ModuleSpec } from './dataset-spec.js';

/** Built-in collators that worker threads can rebuild by name. */
export type CollateName = 'default' | 'pad' | 'fixed-length';

/**
 * A collator described as data, so worker threads can rebuild it (functions cannot cross threads):
 *
 * - `'default'` / `{ name: 'default' }` → `defaultCollate`;
 * - `'pad'` / `{ name: 'pad', options }` → `padCollate(options)`;
 * - `{ name: 'fixed-length', options }` → `fixedLengthCollate(options)`;
 * - `{ module, export, options? }` → `import(module)[export](options)`, a factory returning a collator.
 *
 * The built-ins' `collate` option (a function) is not available here; use a module spec for custom collation.
 */
export type CollateSpec =
  | CollateName
  | { readonly name: 'default' }
  | { readonly name: 'pad'; readonly options?: Omit<PadCollateOptions, 'collate'> }
  | { readonly name: 'fixed-length'; readonly options: Omit<FixedLengthCollateOptions, 'collate'> }
  | ModuleSpec;

const NAMES: readonly string[] = ['default', 'pad', 'fixed-length'];

/** True when `value` is a {@link CollateSpec} rather than a collate function. */
export function isCollateSpec(value: unknown): value is CollateSpec {
  if (typeof value === 'string') return true;
  return typeof value === 'object' && value !== null && ('name' in value || 'module' in value);
}

/** Checks a {@link CollateSpec}; throws `ConfigError('ERR_INVALID_OPTION')`. */
export function validateCollateSpec(spec: unknown, field = 'collate'): CollateSpec {
  if (typeof spec === 'string') {
    if (!NAMES.includes(spec)) {
      throw new ConfigError('ERR_INVALID_OPTION', `${field} should be one of 'default', 'pad', 'fixed-length', a { name, options } object or a { module, export } spec, but got '${spec}'`);
    }
    return spec as CollateName;
  }
  if (typeof spec === 'object' && spec !== null && 'name' in spec) {
    const { name, options } = spec as { name: unknown; options?: unknown };
    if (typeof name !== 'string' || !NAMES.includes(name)) {
      throw new ConfigError('ERR_INVALID_OPTION', `${field}.name should be one of 'default', 'pad', 'fixed-length', but got ${typeof name === 'string' ? `'${name}'` : typeof name}`);
    }
    if (options !== undefined) {
      try {
        structuredClone(options);
      } catch (error) {
        throw new ConfigError('ERR_INVALID_OPTION', `${field}.options must be structured-cloneable to reach worker threads (pass no functions)`, { cause: error });
      }
    }
    if (name === 'fixed-length' && (typeof options !== 'object' || options === null)) {
      throw new ConfigError('ERR_INVALID_OPTION', `${field}: 'fixed-length' needs options with at least { length }`);
    }
    return spec as CollateSpec;
  }
  return validateModuleSpec(spec, field);
}

/** Builds the collator a {@link CollateSpec} describes (on the main thread or in a worker). */
export async function resolveCollate(spec: CollateSpec, options: BuildDatasetOptions = {}): Promise<Collator<unknown, unknown>> {
  validateCollateSpec(spec);
  const named = typeof spec === 'string' ? { name: spec } : 'name' in spec ? spec : undefined;
  if (named) {
    const o = (named as { options?: object }).options;
    switch (named.name) {
      case 'default':
        return defaultCollate;
      case 'pad':
        return padCollate((o ?? {}) as PadCollateOptions);
      case 'fixed-length':
        return fixedLengthCollate(o as FixedLengthCollateOptions);
    }
  }
  const m = spec as ModuleSpec;
  const factory = await importExport(m, 'collate', options);
  if (typeof factory !== 'function') {
    throw new ConfigError('ERR_INVALID_OPTION', `collate: export '${m.export}' of '${m.module}' should be a factory returning a collate function, but got ${typeof factory}`);
  }
  const collate = await (factory as (o: unknown) => unknown)(m.options);
  if (typeof collate !== 'function') {
    throw new ConfigError('ERR_INVALID_OPTION', `collate: '${m.module}#${m.export}'(options) should return a collate function, but returned ${collate === null ? 'null' : typeof collate}`);
  }
  return collate as Collator<unknown, unknown>;
}
