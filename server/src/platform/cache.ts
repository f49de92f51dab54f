/**
 * A short-lived cache of reference data (jurisdictions, outlet names, the holiday calendar) per
 * database handle: such rows change a few times a year, and reading them on every request would
 * cost a round trip on the hot path. Keyed by the pool handle, so each database (each test file's
 * clone) has its own entries; `forget` drops an entry after an edit through the owning service.
 */
export function referenceCache<K, V>(ttlMs: number) {
  const byHandle = new WeakMap<object, Map<K, { at: number; value: Promise<V> }>>();
  const entries = (handle: object) => {
    let map = byHandle.get(handle);
    if (!map) byHandle.set(handle, (map = new Map()));
    return map;
  };
  return {
    get(handle: object, key: K, load: () => Promise<V>): Promise<V> {
      const map = entries(handle);
      const hit = map.get(key);
      if (hit && Date.now() - hit.at < ttlMs) return hit.value;
      const value = load();
      map.set(key, { at: Date.now(), value });
      // A failed load is not remembered.
      value.catch(() => map.delete(key));
      return value;
    },
    forget(handle: object, key?: K) {
      if (key === undefined) byHandle.delete(handle);
      else byHandle.get(handle)?.delete(key);
    },
  };
}
