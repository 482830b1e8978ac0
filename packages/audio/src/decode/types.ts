/** Decoded audio: one Float32Array per channel (all the same length), samples in [-1, 1]. */
export interface DecodedAudio {
  channels: Float32Array[];
  sampleRate: number;
  /** Container detected from the bytes. */
  format: 'wav' | 'flac' | 'mp3';
  /** Bits per sample of the stored PCM (32/64 for float WAV, 0 for MP3). */
  bitDepth: number;
}

export interface DecodeOptions {
  /** Start time in seconds (default 0). */
  offset?: number;
  /** Length in seconds to keep after `offset` (default: to the end). */
  duration?: number;
}
