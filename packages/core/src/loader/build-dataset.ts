import { isDataset, isIterableDataset, type Dataset, type IterableDataset } from '../data/dataset.js';
import { ConfigError, describeError } from '../errors.js';
import { core } from '../plugin.js';
import type { Plugin } from '../registry/plugin.js';
import { Registry } from '../registry/registry.js';
import { describeDatasetSpec, isRegistrySpec, validateDatasetSpec, validateModuleSpec, type DatasetSpec, type ModuleSpec } from './dataset-spec.js';
import { resolveSpecifier, type EsmResolve } from './resolve-specifier.js';

export interface BuildDatasetOptions {
  /** Directory (or file URL) bare and relative specifiers are resolved from; default `process.cwd()`. */
  resolveFrom?: string | undefined;
  /** ESM resolver (worker threads pass `import.meta.resolve`). */
  esmResolve?: EsmResolve | undefined;
  /** Use this registry for `{ loader }` specs instead of a fresh one with `core()` and the spec's plugins. */
  registry?: Registry | undefined;
}

/** Imports `spec.module` and returns its export `spec.export`. Throws `ConfigError` naming the field at fault. */
export async function importExport(spec: ModuleSpec, field: string, options: BuildDatasetOptions = {}): Promise<unknown> {
  validateModuleSpec(spec, field);
  const url = resolveSpecifier(spec.module, options.resolveFrom, options.esmResolve);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(url)) as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError('ERR_INVALID_OPTION', `Cannot import ${field}.module '${spec.module}' (${url}): ${describeError(error)}`, {
      cause: error,
      details: { module: spec.module, url },
    });
  }
  const value = mod[spec.export];
  if (value === undefined) {
    throw new ConfigError(
      'ERR_INVALID_OPTION',
      `Module '${spec.module}' has no export '${spec.export}' (${field}.export). Exports: ${Object.keys(mod).join(', ') || '(none)'}`,
      { details: { module: spec.module, export: spec.export } },
    );
  }
  return value;
}

/** A registry with core's plugin and the spec's plugins applied (each imported and called with its options). */
async function registryFromPlugins(plugins: readonly ModuleSpec[] = [], options: BuildDatasetOptions = {}): Promise<Registry> {
  const registry = new Registry().use(core());
  for (const [i, p] of plugins.entries()) {
    const field = `plugins[${i}]`;
    const factory = await importExport(p, field, options);
    if (typeof factory !== 'function') {
      throw new ConfigError('ERR_INVALID_OPTION', `${field}: export '${p.export}' of '${p.module}' should be a plugin factory function, but got ${typeof factory}`);
    }
    const plugin = (await (factory as (o: unknown) => unknown)(p.options)) as Plugin;
    registry.use(plugin);
  }
  return registry;
}

/**
 * Builds the dataset a {@link DatasetSpec} describes. The same function runs on the main thread and inside every
 * worker, so all copies agree. Throws `ConfigError` for bad specs and when the factory returns no dataset.
 */
export async function buildDataset(spec: DatasetSpec, options: BuildDatasetOptions = {}): Promise<Dataset<unknown> | IterableDataset<unknown>> {
  validateDatasetSpec(spec);
  let dataset: unknown;
  if (isRegistrySpec(spec)) {
    const registry = options.registry ?? (await registryFromPlugins(spec.plugins, options));
    dataset = await registry.create('loader', spec.loader as never, spec.options as never);
  } else {
    const factory = await importExport(spec, 'spec', options);
    if (typeof factory !== 'function') {
      throw new ConfigError('ERR_INVALID_OPTION', `spec: export '${spec.export}' of '${spec.module}' should be a dataset factory function, but got ${typeof factory}`);
    }
    dataset = await (factory as (o: unknown) => unknown)(spec.options);
  }
  if (!isDataset(dataset) && !isIterableDataset(dataset)) {
    throw new ConfigError(
      'ERR_INVALID_OPTION',
      `Dataset spec '${describeDatasetSpec(spec)}' did not produce a dataset (expected { length, get(index) } or an async iterable), but got ${dataset === null ? 'null' : typeof dataset}`,
    );
  }
  return dataset;
}
