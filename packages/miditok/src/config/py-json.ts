/**
 * `json.dumps(value, indent=4)` as CPython writes it (ensure_ascii on, `", "`/`": "` separators, one item per line).
 * `Map`s keep their insertion order (used for objects whose keys look like integers, which JavaScript objects
 * would reorder).
 */
export function pyJsonDumps(value: unknown, indent = 4): string {
  const esc = (s: string): string =>
    JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const rec = (v: unknown, depth: number): string => {
    const pad = ' '.repeat(indent * (depth + 1));
    const end = ' '.repeat(indent * depth);
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'string') return esc(v);
    if (typeof v === 'number') return Number.isFinite(v) ? String(v) : v > 0 ? 'Infinity' : v < 0 ? '-Infinity' : 'NaN';
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      return `[\n${v.map((x) => pad + rec(x, depth + 1)).join(',\n')}\n${end}]`;
    }
    const entries = v instanceof Map ? [...(v as Map<unknown, unknown>).entries()] : Object.entries(v as Record<string, unknown>);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([k, x]) => `${pad}${esc(String(k))}: ${rec(x, depth + 1)}`).join(',\n')}\n${end}}`;
  };
  return rec(value, 0);
}
