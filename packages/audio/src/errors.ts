import { FormatError, type MirErrorOptions } from '@mirkit/core';

declare module '@mirkit/core' {
  interface MirErrorCodes {
    ERR_AUDIO_DECODE: true;
  }
}

/**
 * A truncated, corrupt or unsupported audio file. The message names the file (or `<bytes>`) and what is wrong;
 * `details.file` holds the source name and `details.format` the detected container.
 */
export class AudioDecodeError extends FormatError {
  constructor(source: string, problem: string, options: MirErrorOptions & { format?: string } = {}) {
    const details: Record<string, unknown> = { ...options.details, file: source };
    if (options.format !== undefined) details.format = options.format;
    super('ERR_AUDIO_DECODE', `${source}: ${problem}`, {
      ...(options.cause === undefined ? {} : { cause: options.cause }),
      details,
    });
  }
}
