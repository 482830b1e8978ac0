/** `@mirkit/core/tfjs`: backends, kernel patches and the trainer (the only part of core that imports tfjs). */
export const TFJS_SUBPATH_VERSION = 1;
