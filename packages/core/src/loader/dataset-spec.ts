import { ConfigError, describeError } from '../errors.js';

/** A module export to import in a worker thread (or on the main thread): `import(module)[export]`. */
export interface ModuleSpec {
  /** Bare specifier (`'@mirkit/sousa'`), relative path (resolved from `resolveFrom`), absolute path or file URL. */
  readonly module: string;
  /** Name of the export. */
  readonly export: string;
  /** Structured-cloneable (JSON-like) options passed to the export. */
  readonly options?: unknown;
}

/** A plugin to `use()` on the fresh registry of a worker: `import(module)[export](options)` must return a Plugin. */
export type PluginSpec = ModuleSpec;

/** A dataset made by a registered loader: `registry.create('loader', loader, options)`. */
export interface RegistryDatasetSpec {
  /** Registered loader name, e.g. `'core/synthetic'`, `'sousa/dataset'`. */
  readonly loader: string;
  readonly options?: unknown;
  /** Plugins that register `loader` (core's own plugin is always applied). */
  readonly plugins?: readonly PluginSpec[];
}

/**
 * How to rebuild a dataset inside a worker thread: a registered loader, or a module export that is a factory
 * `(options) => Dataset | IterableDataset | Promise<…>`. Everything in a spec must be structured-cloneable.
 */
export type DatasetSpec = RegistryDatasetSpec | ModuleSpec;

const SPEC = Symbol.for('@mirkit/core/datasetSpec');

/**
 * Records on `dataset` how to rebuild it (non-enumerable, under a `Symbol.for` key), so
 * `new DataLoader({ dataset, numWorkers: 2 })` can ship it to workers. Returns the same object.
 */
export function withDatasetSpec<D extends object>(dataset: D, spec: DatasetSpec): D {
  const checked = validateDatasetSpec(spec);
  if (!Object.isExtensible(dataset)) {
    throw new ConfigError('ERR_INVALID_OPTION', 'withDatasetSpec() needs an extensible dataset object (this one is frozen or sealed)');
  }
  Object.defineProperty(dataset, SPEC, { value: checked, enumerable: false, configurable: true, writable: true });
  return dataset;
}

/** The spec recorded by {@link withDatasetSpec}, if any. */
export function datasetSpecOf(dataset: unknown): DatasetSpec | undefined {
  if (typeof dataset !== 'object' || dataset === null) return undefined;
  return (dataset as Record<symbol, DatasetSpec | undefined>)[SPEC];
}

/** True for a registry spec (`{ loader }`). */
export function isRegistrySpec(spec: DatasetSpec): spec is RegistryDatasetSpec {
  return typeof (spec as RegistryDatasetSpec).loader === 'string';
}

/** Short name of a spec for messages: `'core/synthetic'` or `'./my-data.js#createData'`. */
export function describeDatasetSpec(spec: DatasetSpec): string {
  return isRegistrySpec(spec) ? spec.loader : `${spec.module}#${spec.export}`;
}

/** True when `value` has the shape of a {@link DatasetSpec} (not a dataset object). */
export function looksLikeDatasetSpec(value: unknown): value is DatasetSpec {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.get !== 'function' && (typeof v.loader === 'string' || (typeof v.module === 'string' && typeof v.export === 'string'));
}

/** Checks the shape of a module spec and that its options are structured-cloneable. */
export function validateModuleSpec(spec: unknown, field: string): ModuleSpec {
  if (typeof spec !== 'object' || spec === null) {
    throw new ConfigError('ERR_INVALID_OPTION', `${field} should be { module, export, options? }, but got ${spec === null ? 'null' : typeof spec}`);
  }
  const s = spec as Record<string, unknown>;
  if (typeof s.module !== 'string' || s.module.length === 0) {
    throw new ConfigError('ERR_INVALID_OPTION', `${field}.module should be a module specifier or file URL, but got ${describe(s.module)}`);
  }
  if (typeof s.export !== 'string' || s.export.length === 0) {
    throw new ConfigError('ERR_INVALID_OPTION', `${field}.export should be the name of an export of '${s.module}', but got ${describe(s.export)}`);
  }
  assertCloneable(s.options, `${field}.options`);
  return spec as ModuleSpec;
}

/** Checks a {@link DatasetSpec}; throws `ConfigError('ERR_INVALID_OPTION')` naming the bad field. */
export function validateDatasetSpec(spec: unknown, field = 'spec'): DatasetSpec {
  if (typeof spec !== 'object' || spec === null) {
    throw new ConfigError('ERR_INVALID_OPTION', `${field} should be { loader, options?, plugins? } or { module, export, options? }, but got ${spec === null ? 'null' : typeof spec}`);
  }
  const s = spec as Record<string, unknown>;
  if ('loader' in s) {
    if (typeof s.loader !== 'string' || s.loader.length === 0) {
      throw new ConfigError('ERR_INVALID_OPTION', `${field}.loader should be a registered loader name like 'core/synthetic', but got ${describe(s.loader)}`);
    }
    assertCloneable(s.options, `${field}.options`);
    if (s.plugins !== undefined) {
      if (!Array.isArray(s.plugins)) {
        throw new ConfigError('ERR_INVALID_OPTION', `${field}.plugins should be an array of { module, export }, but got ${typeof s.plugins}`);
      }
      s.plugins.forEach((p, i) => validateModuleSpec(p, `${field}.plugins[${i}]`));
    }
    return spec as RegistryDatasetSpec;
  }
  return validateModuleSpec(spec, field);
}

function assertCloneable(value: unknown, field: string): void {
  if (value === undefined) return;
  try {
    structuredClone(value);
  } catch (error) {
    throw new ConfigError('ERR_INVALID_OPTION', `${field} must be structured-cloneable (JSON-like) to reach worker threads: ${describeError(error)}`, {
      cause: error,
    });
  }
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : value === null ? 'null' : typeof value;
}
