import type { Registry } from './registry.js';

/** A plugin registers its entries when passed to {@link Registry.use}. */
export interface Plugin {
  /** Unique plugin name, e.g. `"miditok"`; also the namespace of its entries (`"miditok/remi"`). */
  readonly name: string;
  /** Version of the package that ships the plugin (shown by `mirkit plugins`). */
  readonly version?: string;
  setup(registry: Registry): void;
}

/** Identity helper that keeps the literal type of a plugin object. */
export function definePlugin<const P extends Plugin>(plugin: P): P {
  return plugin;
}
