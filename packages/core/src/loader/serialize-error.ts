import { BackendError, ConfigError, DataError, FormatError, isMirError, MirError, RegistryError, type MirErrorCode } from '../errors.js';

/**
 * A thrown value reduced to structured-cloneable fields, so it can cross a worker boundary and be re-created on
 * the main thread with its class, `code`, `message`, `name`, `stack`, `details` and `cause` chain intact.
 */
export interface SerializedError {
  /** `true` when the original was a {@link MirError} (brand check, so any copy of core counts). */
  readonly mir: boolean;
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  readonly code?: string;
  readonly details?: Record<string, unknown>;
  readonly cause?: SerializedError;
}

const MAX_CAUSE_DEPTH = 8;

const MIR_CLASSES: Record<string, new (code: MirErrorCode, message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) => MirError> = {
  MirError,
  RegistryError,
  ConfigError,
  FormatError,
  DataError,
  BackendError,
};

const PLAIN_CLASSES: Record<string, new (message: string) => Error> = {
  Error,
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
  EvalError,
  URIError,
};

/** Reduces any thrown value to a {@link SerializedError} (depth-limited cause chain). */
export function serializeError(error: unknown, depth = 0): SerializedError {
  if (!(error instanceof Error) && !isMirError(error)) {
    return { mir: false, name: 'Error', message: typeof error === 'string' ? error : safeString(error) };
  }
  const e = error as Error & { code?: unknown; details?: unknown };
  const out: {
    mir: boolean;
    name: string;
    message: string;
    stack?: string;
    code?: string;
    details?: Record<string, unknown>;
    cause?: SerializedError;
  } = { mir: isMirError(error), name: e.name, message: e.message };
  if (typeof e.stack === 'string') out.stack = e.stack;
  if (typeof e.code === 'string') out.code = e.code;
  if (typeof e.details === 'object' && e.details !== null) out.details = cloneable(e.details) as Record<string, unknown>;
  if (e.cause !== undefined && depth < MAX_CAUSE_DEPTH) out.cause = serializeError(e.cause, depth + 1);
  return out;
}

/**
 * Re-creates an error from {@link serializeError}'s output: a MirError subclass chosen by `name` (MirError itself
 * for unknown plugin subclasses, keeping their `name`), or a built-in Error class. The stack is the original one.
 */
export function deserializeError(s: SerializedError): Error {
  const cause = s.cause === undefined ? undefined : deserializeError(s.cause);
  let error: Error;
  if (s.mir) {
    const Ctor = MIR_CLASSES[s.name] ?? MirError;
    const options: { cause?: unknown; details?: Record<string, unknown> } = {};
    if (cause !== undefined) options.cause = cause;
    if (s.details !== undefined) options.details = s.details;
    error = new Ctor((s.code ?? 'ERR_WORKER') as MirErrorCode, s.message, options);
  } else {
    const Ctor = PLAIN_CLASSES[s.name] ?? Error;
    error = new Ctor(s.message);
    if (cause !== undefined) Object.defineProperty(error, 'cause', { value: cause, writable: true, configurable: true, enumerable: false });
    if (s.code !== undefined) Object.defineProperty(error, 'code', { value: s.code, writable: true, configurable: true, enumerable: true });
  }
  // Keep the subclass name even when the class itself is not known here (a plugin's MirError subclass).
  if (error.name !== s.name) Object.defineProperty(error, 'name', { value: s.name, writable: true, configurable: true, enumerable: false });
  if (s.stack !== undefined) Object.defineProperty(error, 'stack', { value: s.stack, writable: true, configurable: true, enumerable: false });
  return error;
}

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** A structured-cloneable copy of `details` (functions and symbols become strings; cycles are cut). */
function cloneable(value: unknown, seen: Set<object> = new Set(), depth = 0): unknown {
  if (value === null || value === undefined) return value;
  const t = typeof value;
  if (t === 'string' || t === 'number' || t === 'boolean' || t === 'bigint') return value;
  if (t === 'function' || t === 'symbol') return safeString(value);
  const obj = value as object;
  if (ArrayBuffer.isView(obj) || obj instanceof Date || obj instanceof RegExp) return obj;
  if (seen.has(obj) || depth > 16) return '[Circular]';
  seen.add(obj);
  if (Array.isArray(obj)) return obj.map((v) => cloneable(v, seen, depth + 1));
  if (obj instanceof Error) return serializeError(obj);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) out[k] = cloneable(v, seen, depth + 1);
  return out;
}
