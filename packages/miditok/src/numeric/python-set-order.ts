/**
 * Iteration order of a CPython 3.11 `set` built from small integers (`set(list)`), used because MidiTok builds
 * its `Program_*` vocabulary by iterating `config.programs`, a set.
 */
export function pythonSetOrder(values: readonly number[]): number[] {
  const hashOf = (n: number): bigint => BigInt.asUintN(64, BigInt(n === -1 ? -2 : n));
  let size = 8;
  let table: (number | undefined)[] = new Array<number | undefined>(size);
  let fill = 0;
  let used = 0;
  const insertInto = (tab: (number | undefined)[], key: number, checkDup: boolean): boolean => {
    const mask = BigInt(tab.length - 1);
    const maskN = tab.length - 1;
    const h = hashOf(key);
    let perturb = h;
    let i = h & mask;
    for (;;) {
      const idx = Number(i);
      const slot = tab[idx];
      if (slot === undefined) {
        tab[idx] = key;
        return true;
      }
      if (checkDup && slot === key) return false;
      if (idx + 9 <= maskN) {
        for (let j = 1; j <= 9; j++) {
          const s = tab[idx + j];
          if (s === undefined) {
            tab[idx + j] = key;
            return true;
          }
          if (checkDup && s === key) return false;
        }
      }
      perturb >>= 5n;
      i = (i * 5n + 1n + perturb) & mask;
    }
  };
  for (const v of values) {
    if (!insertInto(table, v, true)) continue;
    fill++;
    used++;
    if (fill * 5 >= (size - 1) * 3) {
      const minused = used > 50000 ? used * 2 : used * 4;
      let newSize = 8;
      while (newSize <= minused) newSize *= 2;
      const old = table;
      table = new Array<number | undefined>(newSize);
      size = newSize;
      for (const k of old) if (k !== undefined) insertInto(table, k, false);
      fill = used;
    }
  }
  return table.filter((v): v is number => v !== undefined);
}
