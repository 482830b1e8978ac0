/** `75` → `'1:15'`, `3725` → `'1:02:05'`; `'?'` for unknown or infinite durations. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(sec).padStart(2, '0')}`;
}

/** Rate with 3 significant digits: `1234.5` → `'1235'`, `12.345` → `'12.3'`, `0.01234` → `'0.0123'`. */
export function formatRate(rate: number): string {
  if (!Number.isFinite(rate)) return '?';
  if (rate >= 100) return rate.toFixed(0);
  return rate.toPrecision(3);
}

/** Byte count with a binary unit: `1536` → `'1.5 KiB'`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let u = 0;
  while (Math.abs(v) >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${v} B` : `${v.toFixed(1)} ${units[u]}`;
}
