import { FormatError, type MirErrorOptions } from '@mirkit/core';

declare module '@mirkit/core' {
  interface MirErrorCodes {
    ERR_MIDI_PARSE: true;
  }
}

/** A MIDI file that cannot be parsed. The message names the file (when known) and the byte offset at fault. */
export class MidiParseError extends FormatError {
  /** Byte offset in the file where the problem was detected. */
  readonly offset: number;
  /** The file path, or `undefined` for an in-memory buffer. */
  readonly file: string | undefined;

  constructor(reason: string, offset: number, file: string | undefined, options: MirErrorOptions = {}) {
    super('ERR_MIDI_PARSE', `Cannot parse MIDI ${file === undefined ? 'data' : `file '${file}'`} at byte offset ${offset}: ${reason}`, {
      ...options,
      details: { ...options.details, file, offset },
    });
    this.offset = offset;
    this.file = file;
  }
}
