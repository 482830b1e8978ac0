import { ConfigError, RegistryError } from '../errors.js';
import type { Plugin } from './plugin.js';
import { KINDS, type EntryOf, type Kind, type NameOf, type OptionsOf, type ProductOf } from './types.js';

const NAME_RE = /^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9+.-]*)?$/;

export interface RegisterOptions {
  /** Plugin that owns the entry (defaults to the plugin being `use()`d). */
  plugin?: string;
  /** Replace an existing entry instead of throwing `ERR_DUPLICATE_REGISTRATION`. */
  override?: boolean;
}

export interface RegistryEntryInfo {
  kind: Kind;
  name: string;
  plugin: string | undefined;
}

interface StoredEntry {
  factory: unknown;
  plugin: string | undefined;
}

/**
 * A typed, plugin-extensible registry of loaders, tokenizers, targets, models, backends and commands.
 *
 * ```ts
 * const registry = new Registry().use(miditok());
 * const tok = await registry.create('tokenizer', 'miditok/remi', {});
 * ```
 */
export class Registry {
  readonly #entries = new Map<string, Map<string, StoredEntry>>();
  readonly #plugins = new Map<string, Plugin>();
  #frozen = false;
  #current: string | undefined;

  /** Applies a plugin. Using a plugin with a name already used is a no-op (idempotent, like unified). */
  use(plugin: Plugin): this {
    this.#assertUnfrozen(`use plugin '${plugin.name}'`);
    if (typeof plugin !== 'object' || plugin === null || typeof plugin.setup !== 'function') {
      throw new ConfigError('ERR_INVALID_OPTION', `Registry.use() expects a plugin object with setup(), but got ${typeof plugin}`);
    }
    if (this.#plugins.has(plugin.name)) return this;
    this.#plugins.set(plugin.name, plugin);
    const previous = this.#current;
    this.#current = plugin.name;
    try {
      plugin.setup(this);
    } catch (error) {
      this.#plugins.delete(plugin.name);
      throw error;
    } finally {
      this.#current = previous;
    }
    return this;
  }

  /** Plugins applied so far, in order. */
  plugins(): readonly Plugin[] {
    return [...this.#plugins.values()];
  }

  register<K extends Kind, N extends NameOf<K>>(kind: K, name: N, factory: EntryOf<K, N>, options?: RegisterOptions): this;
  register(kind: Kind, name: string, factory: unknown, options: RegisterOptions = {}): this {
    this.#assertUnfrozen(`register ${kind} '${name}'`);
    if (!NAME_RE.test(name)) {
      throw new RegistryError(
        'ERR_INVALID_OPTION',
        `Invalid ${kind} name '${name}': expected lower-kebab "plugin/name" (or a bare backend name)`,
      );
    }
    if (typeof factory !== 'function') {
      throw new RegistryError('ERR_INVALID_OPTION', `The ${kind} '${name}' must be registered with a factory function, but got ${typeof factory}`);
    }
    let table = this.#entries.get(kind);
    if (!table) {
      table = new Map();
      this.#entries.set(kind, table);
    }
    const existing = table.get(name);
    if (existing && !options.override) {
      throw new RegistryError(
        'ERR_DUPLICATE_REGISTRATION',
        `The ${kind} '${name}' is already registered${existing.plugin ? ` by plugin '${existing.plugin}'` : ''}; pass { override: true } to replace it`,
        { details: { kind, name } },
      );
    }
    table.set(name, { factory, plugin: options.plugin ?? this.#current });
    return this;
  }

  /** Narrows a dynamic name (CLI input) to a registered one. */
  has<K extends Kind>(kind: K, name: string): name is NameOf<K> {
    return this.#entries.get(kind)?.has(name) ?? false;
  }

  /** Registered names of a kind, sorted. */
  names<K extends Kind>(kind: K): NameOf<K>[] {
    return [...(this.#entries.get(kind)?.keys() ?? [])].sort() as NameOf<K>[];
  }

  /** Every entry with the plugin that registered it. */
  entries(): RegistryEntryInfo[] {
    const out: RegistryEntryInfo[] = [];
    const kinds = [...new Set([...KINDS, ...(this.#entries.keys() as Iterable<Kind>)])];
    for (const kind of kinds) {
      for (const [name, e] of [...(this.#entries.get(kind) ?? new Map<string, StoredEntry>())].sort(([a], [b]) => a.localeCompare(b))) {
        out.push({ kind, name, plugin: e.plugin });
      }
    }
    return out;
  }

  /** The registered factory. Throws `ERR_NOT_REGISTERED` listing the available names. */
  get<K extends Kind, N extends NameOf<K>>(kind: K, name: N): EntryOf<K, N>;
  get(kind: Kind, name: string): unknown {
    const entry = this.#entries.get(kind)?.get(name);
    if (!entry) {
      const available = this.names(kind);
      throw new RegistryError(
        'ERR_NOT_REGISTERED',
        `The ${kind} '${name}' is not registered. Available: ${available.length ? available.join(', ') : '(none — did you forget registry.use(plugin())?)'}`,
        { details: { kind, name, available } },
      );
    }
    return entry.factory;
  }

  /** Looks up a factory and calls it with the options. */
  async create<K extends Kind, N extends NameOf<K>>(
    kind: K,
    name: N,
    options: OptionsOf<EntryOf<K, N>>,
  ): Promise<ProductOf<EntryOf<K, N>>> {
    const factory = this.get(kind, name) as unknown as (o: unknown) => unknown;
    return (await factory(options)) as ProductOf<EntryOf<K, N>>;
  }

  /** After freezing, `use()` and `register()` throw `ERR_REGISTRY_FROZEN`. */
  freeze(): this {
    this.#frozen = true;
    return this;
  }

  get frozen(): boolean {
    return this.#frozen;
  }

  #assertUnfrozen(what: string): void {
    if (this.#frozen) throw new RegistryError('ERR_REGISTRY_FROZEN', `Cannot ${what}: the registry is frozen`);
  }
}
