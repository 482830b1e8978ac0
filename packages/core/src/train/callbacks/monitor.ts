import { ConfigError } from '../../errors.js';

export type MonitorMode = 'min' | 'max';

export function assertMode(mode: string, owner: string): asserts mode is MonitorMode {
  if (mode !== 'min' && mode !== 'max') {
    throw new ConfigError('ERR_INVALID_OPTION', `${owner}: mode should be 'min' or 'max', but got '${mode}'`);
  }
}

/** True when `current` beats `best` by more than `minDelta` (non-negative) in the direction of `mode`. */
export function improves(
  current: number,
  best: number | undefined,
  mode: MonitorMode,
  minDelta = 0,
): boolean {
  if (!Number.isFinite(current)) return false;
  if (best === undefined) return true;
  return mode === 'min' ? current < best - minDelta : current > best + minDelta;
}

/** Reads a monitored metric, or throws naming the metrics that exist. */
export function readMonitor(
  metrics: Readonly<Record<string, number>>,
  monitor: string,
  owner: string,
): number {
  const value = metrics[monitor];
  if (value === undefined) {
    const available = Object.keys(metrics);
    throw new ConfigError(
      'ERR_INVALID_OPTION',
      `${owner} could not find the monitored metric '${monitor}'. Available metrics: ${available.length ? available.join(', ') : '(none yet)'}`,
    );
  }
  return value;
}
