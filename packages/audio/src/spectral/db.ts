import { ConfigError } from '@mirkit/core';

export interface PowerToDbOptions {
  /** Reference power (default 1); a function receives the data and returns it (librosa `ref=np.max`). */
  ref?: number | ((x: ArrayLike<number>) => number);
  /** Floor (default 1e-10). */
  amin?: number;
  /** Clip to `max − topDb` (default 80; null disables). */
  topDb?: number | null;
}

/** `librosa.power_to_db`: `10·log10(max(amin, S)) − 10·log10(max(amin, ref))`, then the top_db clip. New array. */
export function powerToDb(s: ArrayLike<number>, options: PowerToDbOptions = {}): Float32Array {
  const { amin = 1e-10, topDb = 80 } = options;
  if (!(amin > 0)) throw new ConfigError('ERR_INVALID_OPTION', `amin should be positive, but got ${amin}`);
  if (topDb !== null && !(topDb >= 0)) throw new ConfigError('ERR_INVALID_OPTION', `top_db should be non-negative, but got ${topDb}`);
  const refValue = typeof options.ref === 'function' ? options.ref(s) : (options.ref ?? 1);
  const offset = 10 * Math.log10(Math.max(amin, Math.abs(refValue)));
  const out = new Float32Array(s.length);
  let max = -Infinity;
  for (let i = 0; i < s.length; i++) {
    const v = 10 * Math.log10(Math.max(amin, s[i]!)) - offset;
    out[i] = v;
    if (out[i]! > max) max = out[i]!;
  }
  if (topDb !== null) {
    const floor = max - topDb;
    for (let i = 0; i < out.length; i++) if (out[i]! < floor) out[i] = floor;
  }
  return out;
}

/** `librosa.amplitude_to_db`: {@link powerToDb} of `S²` with squared ref and amin (default amin 1e-5). */
export function amplitudeToDb(s: ArrayLike<number>, options: PowerToDbOptions = {}): Float32Array {
  const sq = new Float64Array(s.length);
  for (let i = 0; i < s.length; i++) sq[i] = s[i]! * s[i]!;
  const refValue = typeof options.ref === 'function' ? options.ref(s) : (options.ref ?? 1);
  const amin = options.amin ?? 1e-5;
  return powerToDb(sq, { topDb: options.topDb === undefined ? 80 : options.topDb, amin: amin * amin, ref: refValue * refValue });
}

/** The DL101 tutorial's model-input compression `ln(1 + C·x)` (default C = 10000), in a new float32 array. */
export function logCompress(x: ArrayLike<number>, c = 10000): Float32Array {
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = Math.log1p(c * x[i]!);
  return out;
}

/** madmom-style `log10(mul·x + add)` (BeatNet: mul 1, add 1), in place on float32 data. */
export function log10Compress(x: Float32Array, mul = 1, add = 1): Float32Array {
  for (let i = 0; i < x.length; i++) x[i] = Math.log10(Math.fround(Math.fround(mul * x[i]!) + add));
  return x;
}
