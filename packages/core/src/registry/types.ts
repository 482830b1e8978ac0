import type { SyntheticDataset, SyntheticDatasetOptions } from '../synthetic/synthetic-dataset.js';

/** Factory stored in the registry: options in, product (or a promise of it) out. */
export type Factory<O = never, P = unknown> = (options: O) => P | Promise<P>;

/* eslint-disable @typescript-eslint/no-empty-object-type -- open interfaces, filled by declaration merging */
/** `"plugin/name"` → factory of dataset loaders (`Dataset` or `IterableDataset`). */
export interface LoaderRegistry {
  /** Core's deterministic generated dataset, registered by `core()` (declared here so bundled types keep it). */
  'core/synthetic': (options: SyntheticDatasetOptions) => SyntheticDataset;
}
/** `"plugin/name"` → tokenizer factory. */
export interface TokenizerRegistry {}
/** `"plugin/name"` → training-target builder factory. */
export interface TargetRegistry {}
/** `"plugin/name"` → model factory. */
export interface ModelRegistry {}
/** backend name → backend factory. */
export interface BackendRegistry {}
/** `"plugin/name"` → CLI command factory. */
/** Entries are `() => Command` (see {@link Command}). */
export interface CommandRegistry {}
/* eslint-enable @typescript-eslint/no-empty-object-type */

/** Every kind of registry entry. Plugins may add whole kinds by augmenting this interface. */
export interface Registries {
  loader: LoaderRegistry;
  tokenizer: TokenizerRegistry;
  target: TargetRegistry;
  model: ModelRegistry;
  backend: BackendRegistry;
  command: CommandRegistry;
}

export type Kind = Extract<keyof Registries, string>;
export type NameOf<K extends Kind> = Extract<keyof Registries[K], string>;
export type EntryOf<K extends Kind, N extends NameOf<K>> = Registries[K][N];
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type OptionsOf<F> = F extends (options: infer O) => any ? O : never;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ProductOf<F> = F extends (options: any) => infer P ? Awaited<P> : never;

/** Runtime kinds, in display order. */
export const KINDS: readonly Kind[] = ['loader', 'tokenizer', 'target', 'model', 'backend', 'command'];
