import { MirError, type MirErrorCode, type MirErrorOptions } from '@mirkit/core';

declare module '@mirkit/core' {
  interface MirErrorCodes {
    /** Bad command-line usage: missing or malformed arguments. */
    ERR_USAGE: true;
    /** `mirkit <word>` where no built-in or plugin command has that name. */
    ERR_UNKNOWN_COMMAND: true;
    /** A plugin package or module could not be loaded. */
    ERR_PLUGIN_LOAD: true;
  }
}

/**
 * A command-line usage error (unknown command or option, missing or malformed argument). The binary prints it on
 * one line and exits with status 2. Commands contributed by plugins signal the same by throwing any `MirError`
 * with `details: { usage: true }`.
 */
export class UsageError extends MirError {
  constructor(message: string, options: MirErrorOptions & { code?: MirErrorCode } = {}) {
    const { code = 'ERR_USAGE', details, ...rest } = options;
    super(code, message, { ...rest, details: { ...details, usage: true } });
  }
}
