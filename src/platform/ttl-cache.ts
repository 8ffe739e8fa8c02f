/**
 * A small in-process cache whose entries live a few seconds: for public reads that many visitors repeat
 * (popular searches, a service's page data). Losing it changes nothing but speed, so it holds no state
 * that matters after a request; with several instances each keeps its own.
 */
export function ttlCache<V>(ttlMs: number, maxEntries = 1000) {
  const entries = new Map<string, { at: number; value: Promise<V> }>();
  return {
    /** The cached value for `key`, or `load()`'s (shared by concurrent callers); failures are not kept. */
    get(key: string, load: () => Promise<V>, now = Date.now()): Promise<V> {
      const hit = entries.get(key);
      if (hit && now - hit.at < ttlMs) return hit.value;
      const value = load();
      entries.set(key, { at: now, value });
      value.catch(() => entries.delete(key));
      if (entries.size > maxEntries) {
        for (const [k, e] of entries) if (now - e.at >= ttlMs || entries.size > maxEntries) entries.delete(k);
      }
      return value;
    },
    clear(): void {
      entries.clear();
    },
  };
}
