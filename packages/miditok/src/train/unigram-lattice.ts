/**
 * A Unigram language model over pieces and the segmentation lattice of a sentence (the parts of Hugging Face
 * `tokenizers`' `Unigram` model / `Lattice` that its trainer uses): Viterbi, forward–backward marginals and the
 * two best segmentations.
 */

/** Score penalty of the unknown piece below the lowest piece score (HF's `K_UNK_PENALTY`). */
export const UNK_PENALTY = 10;


/** Pieces with scores (log probabilities), a trie over them and the unknown piece used for uncovered characters. */
export class PieceModel {
  readonly scores: Float64Array;
  /** Lowest finite score (NaN scores are ignored, as HF's comparisons do). */
  readonly minScore: number;
  readonly unkId: number | null;
  /** Trie: code point → dense symbol, children keyed by `node × symbols + symbol` (small integers stay fast). */
  readonly #symbol: Int32Array;
  readonly #symbols: number;
  readonly #children = new Map<number, number>();
  readonly #nodePiece: number[] = [-1];
  readonly #lat = new Lattice();
  readonly #pieces: Int32Array[];

  /** `pieces[unkId]` is never matched in text: it only covers characters no piece starts with. */
  constructor(pieces: readonly string[], scores: readonly number[], unkId: number | null) {
    this.scores = Float64Array.from(scores);
    this.unkId = unkId;
    let min = Infinity;
    for (const s of scores) if (s < min) min = s;
    this.minScore = min;
    this.#pieces = pieces.map((p) => Int32Array.from(p, (c) => c.codePointAt(0)!));
    let maxCp = 0;
    for (const piece of pieces) for (const ch of piece) maxCp = Math.max(maxCp, ch.codePointAt(0)!);
    const symbol = new Int32Array(maxCp + 1).fill(-1);
    let symbols = 0;
    for (const piece of pieces) for (const ch of piece) if (symbol[ch.codePointAt(0)!] === -1) symbol[ch.codePointAt(0)!] = symbols++;
    this.#symbol = symbol;
    this.#symbols = symbols;
    pieces.forEach((piece, id) => {
      if (id === unkId) return;
      let node = 0;
      for (const ch of piece) {
        const key = node * symbols + symbol[ch.codePointAt(0)!]!;
        let child = this.#children.get(key);
        if (child === undefined) {
          child = this.#nodePiece.length;
          this.#nodePiece.push(-1);
          this.#children.set(key, child);
        }
        node = child;
      }
      this.#nodePiece[node] = id;
    });
  }

  get size(): number {
    return this.scores.length;
  }

  /** Piece `id` as code points. */
  pieceCodePoints(id: number): Int32Array {
    return this.#pieces[id]!;
  }

  /** The lattice of `cps` (HF `populate_nodes`); reused by the next call. */
  lattice(cps: Int32Array): Lattice {
    const lat = this.#lat;
    const n = cps.length;
    lat.reset(n);
    const unkScore = this.minScore - UNK_PENALTY;
    const symbol = this.#symbol;
    const symbols = this.#symbols;
    const children = this.#children;
    for (let pos = 0; pos < n; pos++) {
      lat.begin[pos] = lat.count;
      let node = 0;
      let single = false;
      for (let e = pos; e < n; e++) {
        const cp = cps[e]!;
        const sym = cp < symbol.length ? symbol[cp]! : -1;
        if (sym < 0) break;
        const child = children.get(node * symbols + sym);
        if (child === undefined) break;
        node = child;
        const id = this.#nodePiece[node]!;
        if (id >= 0) {
          lat.add(pos, e - pos + 1, this.scores[id]!, id);
          if (e === pos) single = true;
        }
      }
      if (!single && this.unkId !== null) lat.add(pos, 1, unkScore, this.unkId);
    }
    lat.begin[n] = lat.count;
    lat.index();
    return lat;
  }
}

/** Segmentation lattice: nodes sorted by start position (then by insertion), with the nodes ending at each position. */
export class Lattice {
  n = 0;
  count = 0;
  start = new Int32Array(64);
  len = new Int32Array(64);
  id = new Int32Array(64);
  score = new Float64Array(64);
  /** Nodes starting at `pos`: indices `begin[pos]` to `begin[pos + 1]`. */
  begin = new Int32Array(64);
  /** Nodes ending at `pos`: `endNodes[endOff[pos]]` to `endNodes[endOff[pos + 1]]`, in node order. */
  endOff = new Int32Array(64);
  endNodes = new Int32Array(64);
  a = new Float64Array(64);
  b = new Float64Array(64);
  back = new Int32Array(64);
  cursor = new Int32Array(64);
  betaAt = new Float64Array(64);

  reset(n: number): void {
    this.n = n;
    this.count = 0;
    if (this.begin.length < n + 2) {
      this.begin = new Int32Array(2 * n + 2);
      this.endOff = new Int32Array(2 * n + 2);
    }
  }

  /**
   * The lattice of sentence `i` of `cache` for a model whose pieces are a subset of the cached (seed) model's:
   * `current[seed]` is the piece's id now (-1: removed), `scores` by id; uncovered characters get `unkId`.
   */
  fromCache(cache: MatchCache, i: number, current: Int32Array, scores: Float64Array, unkId: number, unkScore: number): this {
    const n = cache.lengths[i]!;
    this.reset(n);
    let k = cache.offsets[i]!;
    const end = cache.offsets[i + 1]!;
    const { starts, lens, seeds } = cache;
    for (let pos = 0; pos < n; pos++) {
      this.begin[pos] = this.count;
      let single = false;
      for (; k < end && starts[k] === pos; k++) {
        const id = current[seeds[k]!]!;
        if (id < 0) continue;
        this.add(pos, lens[k]!, scores[id]!, id);
        if (lens[k] === 1) single = true;
      }
      if (!single) this.add(pos, 1, unkScore, unkId);
    }
    this.begin[n] = this.count;
    this.index();
    return this;
  }

  add(start: number, len: number, score: number, id: number): void {
    if (this.count === this.start.length) {
      const grow = <T extends Int32Array | Float64Array>(x: T): T => {
        const y = new (x.constructor as new (n: number) => T)(x.length * 2);
        y.set(x);
        return y;
      };
      this.start = grow(this.start);
      this.len = grow(this.len);
      this.id = grow(this.id);
      this.score = grow(this.score);
    }
    const k = this.count++;
    this.start[k] = start;
    this.len[k] = len;
    this.id[k] = id;
    this.score[k] = score;
  }

  /** Builds the per-position end lists and sizes the work arrays. */
  index(): void {
    const { n, count } = this;
    if (this.endNodes.length < count) {
      this.endNodes = new Int32Array(2 * count);
      this.a = new Float64Array(2 * count);
      this.b = new Float64Array(2 * count);
      this.back = new Int32Array(2 * count);
    }
    const off = this.endOff;
    off.fill(0, 0, n + 2);
    for (let k = 0; k < count; k++) off[this.start[k]! + this.len[k]! + 1]!++;
    for (let p = 1; p <= n + 1; p++) off[p]! += off[p - 1]!;
    if (this.cursor.length < n + 1) this.cursor = new Int32Array(2 * n + 2);
    const fill = this.cursor;
    fill.set(off.subarray(0, n + 1));
    for (let k = 0; k < count; k++) this.endNodes[fill[this.start[k]! + this.len[k]!]!++] = k;
  }

  /** The best segmentation's piece ids (HF `viterbi`: ties keep the first candidate); empty when none exists. */
  viterbi(): number[] {
    const { n, count, start, score, endOff, endNodes, back } = this;
    const best = this.a;
    for (let k = 0; k < count; k++) {
      const pos = start[k]!;
      if (pos === 0) {
        best[k] = score[k]!;
        back[k] = -1;
        continue;
      }
      let bs = -Infinity;
      let bj = -2;
      for (let e = endOff[pos]!; e < endOff[pos + 1]!; e++) {
        const j = endNodes[e]!;
        const c = best[j]! + score[k]!;
        if (bj === -2 || c > bs) {
          bs = c;
          bj = j;
        }
      }
      best[k] = bj === -2 ? -Infinity : bs;
      back[k] = bj;
    }
    let bs = -Infinity;
    let last = -2;
    for (let e = endOff[n]!; e < endOff[n + 1]!; e++) {
      const j = endNodes[e]!;
      if (last === -2 || best[j]! > bs) {
        bs = best[j]!;
        last = j;
      }
    }
    if (last < 0 || bs === -Infinity) return [];
    const path: number[] = [];
    for (let k = last; k >= 0; k = back[k]!) path.push(this.id[k]!);
    return path.reverse();
  }

  /** Adds `freq ×` each piece's expected count to `expected` (forward–backward); returns `freq × log Z`. */
  marginal(freq: number, expected: Float64Array): number {
    const { n, count, start, len, score, begin, endOff, endNodes } = this;
    const alpha = this.a;
    const beta = this.b;
    // log Σ exp over a node list, shifted by its max (HF adds pairwise; equal within rounding).
    const viaEnds = (pos: number): number => {
      let m = -Infinity;
      for (let e = endOff[pos]!; e < endOff[pos + 1]!; e++) m = Math.max(m, alpha[endNodes[e]!]! + score[endNodes[e]!]!);
      if (m === -Infinity) return m;
      let acc = 0;
      for (let e = endOff[pos]!; e < endOff[pos + 1]!; e++) acc += Math.exp(alpha[endNodes[e]!]! + score[endNodes[e]!]! - m);
      return m + Math.log(acc);
    };
    let lastPos = -1;
    let lastAlpha = 0;
    for (let k = 0; k < count; k++) {
      const pos = start[k]!;
      if (pos !== lastPos) {
        lastPos = pos;
        lastAlpha = pos === 0 ? 0 : viaEnds(pos);
      }
      alpha[k] = lastAlpha;
    }
    const viaBegins = (pos: number): number => {
      let m = -Infinity;
      for (let j = begin[pos]!; j < begin[pos + 1]!; j++) m = Math.max(m, beta[j]! + score[j]!);
      if (m === -Infinity) return m;
      let acc = 0;
      for (let j = begin[pos]!; j < begin[pos + 1]!; j++) acc += Math.exp(beta[j]! + score[j]! - m);
      return m + Math.log(acc);
    };
    // beta is shared by the nodes ending at the same position: computed once per end position.
    if (this.betaAt.length < n + 1) this.betaAt = new Float64Array(2 * n + 2);
    const betaAt = this.betaAt;
    betaAt[n] = 0;
    for (let pos = n - 1; pos >= 0; pos--) {
      for (let j = begin[pos]!; j < begin[pos + 1]!; j++) beta[j] = betaAt[start[j]! + len[j]!]!;
      betaAt[pos] = viaBegins(pos);
    }
    const z = viaEnds(n);
    for (let k = 0; k < count; k++) expected[this.id[k]!]! += freq * Math.exp(alpha[k]! + score[k]! + beta[k]! - z);
    return freq * z;
  }

  /** The best and the second best segmentations (piece ids), as HF's `nbest(2)`. */
  twoBest(): number[][] {
    const { n, count, start, score, endOff, endNodes } = this;
    const s1 = new Float64Array(count);
    const s2 = new Float64Array(count).fill(-Infinity);
    // back pointers: node * 2 + rank, -1 = sentence start, -2 = none
    const p1 = new Int32Array(count).fill(-2);
    const p2 = new Int32Array(count).fill(-2);
    for (let k = 0; k < count; k++) {
      const pos = start[k]!;
      if (pos === 0) {
        s1[k] = score[k]!;
        p1[k] = -1;
        continue;
      }
      s1[k] = -Infinity;
      for (let e = endOff[pos]!; e < endOff[pos + 1]!; e++) {
        const j = endNodes[e]!;
        for (let r = 0; r < 2; r++) {
          const prev = r === 0 ? p1[j]! : p2[j]!;
          if (prev === -2) continue;
          const c = (r === 0 ? s1[j]! : s2[j]!) + score[k]!;
          if (p1[k] === -2 || c > s1[k]!) {
            s2[k] = s1[k]!;
            p2[k] = p1[k]!;
            s1[k] = c;
            p1[k] = j * 2 + r;
          } else if (p2[k] === -2 || c > s2[k]!) {
            s2[k] = c;
            p2[k] = j * 2 + r;
          }
        }
      }
    }
    const ends: [number, number][] = [];
    for (let e = endOff[n]!; e < endOff[n + 1]!; e++) {
      const j = endNodes[e]!;
      if (p1[j] !== -2) ends.push([s1[j]!, j * 2]);
      if (p2[j] !== -2) ends.push([s2[j]!, j * 2 + 1]);
    }
    ends.sort((x, y) => y[0] - x[0]);
    return ends.slice(0, 2).map(([, ptr]) => {
      const path: number[] = [];
      for (let q = ptr; q >= 0; ) {
        const k = q >> 1;
        path.push(this.id[k]!);
        q = (q & 1) === 0 ? p1[k]! : p2[k]!;
      }
      return path.reverse();
    });
  }
}

/**
 * The matches of a seed model (start, length, seed piece id; not the unknown piece), in lattice order, for the
 * first `covered` sentences — as many as `maxEntries` matches hold (12 bytes each); the others need the trie.
 */
export class MatchCache {
  readonly covered: number;
  readonly offsets: Int32Array;
  readonly lengths: Int32Array;
  readonly starts: Int32Array<ArrayBufferLike>;
  readonly lens: Int32Array<ArrayBufferLike>;
  readonly seeds: Int32Array<ArrayBufferLike>;
  readonly seedCount: number;

  constructor(model: PieceModel, sentences: readonly Int32Array[], maxEntries = 1 << 25) {
    this.seedCount = model.size;
    this.offsets = new Int32Array(sentences.length + 1);
    this.lengths = Int32Array.from(sentences, (s) => s.length);
    let starts: Int32Array = new Int32Array(1024);
    let lens: Int32Array = new Int32Array(1024);
    let seeds: Int32Array = new Int32Array(1024);
    let total = 0;
    let covered = 0;
    for (const s of sentences) {
      const lat = model.lattice(s);
      if (total + lat.count > maxEntries) break;
      if (total + lat.count > starts.length) {
        const size = 2 * (total + lat.count);
        const grow = (x: Int32Array): Int32Array => {
          const y = new Int32Array(size);
          y.set(x.subarray(0, total));
          return y;
        };
        starts = grow(starts);
        lens = grow(lens);
        seeds = grow(seeds);
      }
      for (let k = 0; k < lat.count; k++) {
        if (lat.id[k] === model.unkId) continue;
        starts[total] = lat.start[k]!;
        lens[total] = lat.len[k]!;
        seeds[total++] = lat.id[k]!;
      }
      this.offsets[++covered] = total;
    }
    this.covered = covered;
    this.starts = starts;
    this.lens = lens;
    this.seeds = seeds;
  }

  /** Drops the matches of the seeds not kept (`keep[seed] = 0`): later scans only see live pieces. */
  retain(keep: Uint8Array): void {
    const { offsets, starts, lens, seeds } = this;
    let w = 0;
    let r = 0;
    for (let i = 0; i < this.covered; i++) {
      const end = offsets[i + 1]!;
      for (; r < end; r++) {
        if (!keep[seeds[r]!]) continue;
        starts[w] = starts[r]!;
        lens[w] = lens[r]!;
        seeds[w++] = seeds[r]!;
      }
      offsets[i + 1] = w;
    }
  }
}
