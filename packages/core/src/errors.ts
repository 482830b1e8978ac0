/**
 * Error classes shared by every mirkit package.
 *
 * Every error carries a machine-readable `code` (`'ERR_*'`), a message that names the file, field or index at
 * fault, and an optional ES2022 `cause`. Use {@link isMirError} rather than `instanceof`: the ESM and CJS builds
 * of core are different module instances, and the brand survives that, `instanceof` does not.
 */

const BRAND = Symbol.for('@mirkit/core/MirError');

/** Codes defined by core. Plugins add theirs by augmenting {@link MirErrorCodes}. */
export type CoreErrorCode =
  | 'ERR_DUPLICATE_REGISTRATION'
  | 'ERR_NOT_REGISTERED'
  | 'ERR_REGISTRY_FROZEN'
  | 'ERR_INVALID_OPTION'
  | 'ERR_SHAPE_MISMATCH'
  | 'ERR_INDEX_OUT_OF_RANGE'
  | 'ERR_NPY_FORMAT'
  | 'ERR_NPY_UNSUPPORTED'
  | 'ERR_COLLATE'
  | 'ERR_DATASET_ITEM'
  | 'ERR_WORKER'
  | 'ERR_ABORTED'
  | 'ERR_MISSING_FILE'
  | 'ERR_EMPTY_DATASET'
  | 'ERR_BACKEND_UNAVAILABLE'
  | 'ERR_KERNEL_MISSING'
  | 'ERR_CHECKPOINT'
  | 'ERR_CONFORMANCE';

/**
 * Open interface: a plugin declares its own codes by declaration merging, e.g.
 * `declare module '@mirkit/core' { interface MirErrorCodes { ERR_MIDI_PARSE: true } }`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface MirErrorCodes {}

export type MirErrorCode = CoreErrorCode | Extract<keyof MirErrorCodes, string>;

export interface MirErrorOptions {
  cause?: unknown;
  /** Extra structured context (file, index, field …) for programmatic handling. */
  details?: Record<string, unknown>;
}

/** Base class of every error thrown by mirkit. */
export class MirError extends Error {
  readonly code: MirErrorCode;
  readonly details: Record<string, unknown>;
  declare readonly [BRAND]: true;

  constructor(code: MirErrorCode, message: string, options: MirErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.details = options.details ?? {};
    Object.defineProperty(this, BRAND, { value: true, enumerable: false });
  }
}

/** True for any mirkit error, whichever copy of `@mirkit/core` created it. */
export function isMirError(value: unknown): value is MirError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

/** Lookup and registration problems in a {@link Registry}. */
export class RegistryError extends MirError {}
/** Invalid options or arguments (torch-style wording: "batchSize should be a positive integer, but got 0"). */
export class ConfigError extends MirError {}
/** Malformed files: .npy, parquet, MIDI, pyjama, hdf5, CSV … */
export class FormatError extends MirError {}
/** Problems with the data itself: missing files, bad items, empty datasets, NaN labels. */
export class DataError extends MirError {}
/** Backend selection and kernel problems. */
export class BackendError extends MirError {}

/** Renders an unknown thrown value as one line, for error messages that wrap a cause. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
