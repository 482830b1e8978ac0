/**
 * Returns the cached value for `key`, creating it with `create` on a miss; keeps at most `limit` entries, evicting
 * the least recently used. Kernel plans (a WebAssembly instance with its tables) cost more to build than a short
 * signal costs to process, so they are reused across calls.
 */
export function cachedPlan<T>(cache: Map<string, T>, key: string, limit: number, create: () => T): T {
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const value = create();
  if (cache.size >= limit) cache.delete(cache.keys().next().value!);
  cache.set(key, value);
  return value;
}
