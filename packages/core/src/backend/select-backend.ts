import { BackendError, describeError, RegistryError } from '../errors.js';
import { defaultRegistry } from '../registry/default-registry.js';
import type { Registry } from '../registry/registry.js';
import type { Backend, DeviceKind } from './backend.js';

export interface SelectBackendOptions {
  /** Registry to look backends up in (default: {@link defaultRegistry}). */
  registry?: Registry;
  /** Receives the one-line explanation of what `'auto'` picked (default: nothing; the Trainer prints it). */
  log?: (message: string) => void;
}

/** A backend that was considered and skipped, with the reason. */
export interface SkippedBackend {
  name: string;
  reason: string;
}

export interface BackendSelection {
  backend: Backend;
  requested: DeviceKind;
  /** Backends tried before the chosen one (only `'auto'` and `'gpu'` try more than one). */
  skipped: SkippedBackend[];
  /** One line: what was picked and why. */
  message: string;
}

async function instantiate(registry: Registry, name: string): Promise<Backend> {
  const factory = registry.get('backend', name as never) as unknown as (
    options?: unknown,
  ) => Backend | Promise<Backend>;
  try {
    return await factory(undefined);
  } catch (error) {
    throw new BackendError(
      'ERR_BACKEND_UNAVAILABLE',
      `Creating backend '${name}' failed: ${describeError(error)}`,
      { cause: error },
    );
  }
}

async function probe(backend: Backend): Promise<string | undefined> {
  let ok: boolean;
  try {
    ok = await backend.isAvailable();
  } catch (error) {
    return describeError(error);
  }
  if (ok) return undefined;
  return backend.unavailableReason?.() ?? 'not available';
}

function byPriority(a: Backend, b: Backend): number {
  return b.priority - a.priority || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

function hint(backend: Backend): string {
  return backend.installHint ? ` — install: ${backend.installHint}` : '';
}

/**
 * Picks a backend from the registry's `'backend'` entries.
 *
 * - `'auto'`: the highest-priority available backend; reports what it skipped and why. The only mode that falls back.
 * - `'gpu'`: the highest-priority available GPU backend; an error naming the packages to install otherwise.
 * - a name (`'wasm'`, `'cpu'`, …): exactly that backend, or an error saying why it is unavailable.
 *
 * Selection does not call `setup()`; the caller does.
 */
export async function selectBackend(
  device: DeviceKind = 'auto',
  options: SelectBackendOptions = {},
): Promise<BackendSelection> {
  const registry = options.registry ?? defaultRegistry;
  const names = registry.names('backend');
  if (names.length === 0) {
    throw new BackendError(
      'ERR_BACKEND_UNAVAILABLE',
      `No backend is registered. Import from '@mirkit/core/tfjs' and call registry.use(tfjsBackends()) (the Trainer does this for the default registry)`,
    );
  }
  if (device === 'auto' || device === 'gpu') {
    const all = await Promise.all(names.map((n) => instantiate(registry, n)));
    const candidates = all.filter((b) => device === 'auto' || b.isGpu).sort(byPriority);
    const skipped: SkippedBackend[] = [];
    for (const backend of candidates) {
      const reason = await probe(backend);
      if (reason === undefined) {
        const message =
          `${device === 'auto' ? 'auto' : 'gpu'}: using backend '${backend.name}'${backend.isGpu ? ' (GPU)' : ''}` +
          (skipped.length ? `; skipped ${skipped.map((s) => `${s.name} (${s.reason})`).join(', ')}` : '');
        options.log?.(message);
        return { backend, requested: device, skipped, message };
      }
      skipped.push({ name: backend.name, reason });
    }
    if (device === 'gpu') {
      const tried = candidates.map(
        (b) => `${b.name}: ${skipped.find((s) => s.name === b.name)?.reason ?? 'not available'}${hint(b)}`,
      );
      throw new BackendError(
        'ERR_BACKEND_UNAVAILABLE',
        candidates.length === 0
          ? `No GPU backend is registered (registered: ${names.join(', ')}). Install @tensorflow/tfjs-node-gpu (npm i @tensorflow/tfjs-node-gpu; Linux x64, CUDA 11.2 and cuDNN 8.1) and use tfjsBackends(), or register a GPU backend from a plugin`
          : `No GPU backend is available. ${tried.join('; ')}`,
        { details: { requested: device, skipped } },
      );
    }
    throw new BackendError(
      'ERR_BACKEND_UNAVAILABLE',
      `No backend is available: ${skipped.map((s) => `${s.name} (${s.reason})`).join(', ')}`,
      { details: { requested: device, skipped } },
    );
  }
  if (!registry.has('backend', device)) {
    throw new RegistryError(
      'ERR_NOT_REGISTERED',
      `Unknown backend '${device}'. Use 'auto', 'gpu' or one of: ${names.join(', ')}`,
      { details: { kind: 'backend', name: device, available: names } },
    );
  }
  const backend = await instantiate(registry, device);
  const reason = await probe(backend);
  if (reason !== undefined) {
    throw new BackendError(
      'ERR_BACKEND_UNAVAILABLE',
      `Backend '${device}' is not available: ${reason}${hint(backend)}`,
      {
        details: { requested: device },
      },
    );
  }
  return {
    backend,
    requested: device,
    skipped: [],
    message: `using backend '${backend.name}'${backend.isGpu ? ' (GPU)' : ''}`,
  };
}
