/**
 * Suffix array (prefix doubling with counting sorts, O(n log n)), Kasai's LCP array and the enumeration of the
 * LCP intervals — the internal nodes of the suffix tree, i.e. the right-maximal repeated substrings with their
 * occurrence counts (what `esaxx` gives Hugging Face's Unigram trainer for its seed pieces).
 */

/** Suffix array of `s` (code points; any integers ≥ 0). */
export function suffixArray(s: Int32Array): Int32Array {
  const n = s.length;
  const sa = new Int32Array(n);
  if (n === 0) return sa;
  const alphabet = [...new Set(s)].sort((a, b) => a - b);
  const code = new Map(alphabet.map((c, i) => [c, i]));
  let rank = new Int32Array(n);
  let next = new Int32Array(n);
  for (let i = 0; i < n; i++) rank[i] = code.get(s[i]!)!;
  let classes = alphabet.length;
  const cnt = new Int32Array(Math.max(n, classes) + 1);
  for (let i = 0; i < n; i++) cnt[rank[i]!]!++;
  for (let c = 1; c < classes; c++) cnt[c]! += cnt[c - 1]!;
  for (let i = n - 1; i >= 0; i--) sa[--cnt[rank[i]!]!] = i;
  const bySecond = new Int32Array(n);
  for (let k = 1; classes < n; k <<= 1) {
    // Order by the second key (rank at i + k, "end" first), then a stable counting sort by the first key.
    let p = 0;
    for (let i = n - k; i < n; i++) if (i >= 0) bySecond[p++] = i;
    for (let j = 0; j < n; j++) if (sa[j]! >= k) bySecond[p++] = sa[j]! - k;
    cnt.fill(0, 0, classes + 1);
    for (let i = 0; i < n; i++) cnt[rank[i]!]!++;
    for (let c = 1; c < classes; c++) cnt[c]! += cnt[c - 1]!;
    for (let j = n - 1; j >= 0; j--) {
      const i = bySecond[j]!;
      sa[--cnt[rank[i]!]!] = i;
    }
    next[sa[0]!] = 0;
    classes = 1;
    for (let j = 1; j < n; j++) {
      const a = sa[j - 1]!;
      const b = sa[j]!;
      const ra = a + k < n ? rank[a + k]! : -1;
      const rb = b + k < n ? rank[b + k]! : -1;
      if (rank[a] !== rank[b] || ra !== rb) classes++;
      next[b] = classes - 1;
    }
    [rank, next] = [next, rank];
  }
  return sa;
}

/** `lcp[i]` = length of the common prefix of the suffixes `sa[i - 1]` and `sa[i]` (`lcp[0] = 0`), Kasai et al. */
export function lcpArray(s: Int32Array, sa: Int32Array): Int32Array {
  const n = s.length;
  const rank = new Int32Array(n);
  for (let i = 0; i < n; i++) rank[sa[i]!] = i;
  const lcp = new Int32Array(n);
  let h = 0;
  for (let i = 0; i < n; i++) {
    const r = rank[i]!;
    if (r === 0) {
      h = 0;
      continue;
    }
    const j = sa[r - 1]!;
    while (i + h < n && j + h < n && s[i + h] === s[j + h]) h++;
    lcp[r] = h;
    if (h > 0) h--;
  }
  return lcp;
}

/**
 * Calls `visit(start, length, count)` for every internal node of the suffix tree of `s` (LCP intervals, the root
 * included with length 0): the substring `s[start, start + length)` occurs `count ≥ 2` times.
 */
export function forEachRepeat(s: Int32Array, visit: (start: number, length: number, count: number) => void): void {
  const n = s.length;
  if (n === 0) return;
  const sa = suffixArray(s);
  const lcp = lcpArray(s, sa);
  const depth: number[] = [0];
  const left: number[] = [0];
  for (let i = 1; i <= n; i++) {
    const h = i < n ? lcp[i]! : -1;
    let lb = i - 1;
    while (depth.length > 0 && h < depth[depth.length - 1]!) {
      const d = depth.pop()!;
      lb = left.pop()!;
      visit(sa[lb]!, d, i - lb);
    }
    if (depth.length === 0 || h > depth[depth.length - 1]!) {
      depth.push(h);
      left.push(lb);
    }
  }
}
