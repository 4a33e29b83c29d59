import { TTLCache } from '@isaacs/ttlcache';

/**
 * The tenant's short-lived artefacts (codes, tickets, sessions, jtis), each with its own time to live.
 * @isaacs/ttlcache keeps them; expired entries are never returned and are purged on unref'd timers.
 */
export class ExpiringMap<V> {
  private readonly cache = new TTLCache<string, V>({ checkAgeOnGet: true, checkAgeOnHas: true });

  set(key: string, value: V, ttlMs: number): void {
    this.cache.set(key, value, { ttl: Math.max(1, ttlMs) });
  }

  get(key: string): V | undefined {
    return this.cache.get(key);
  }

  /** Returns the value and removes it: single-use artefacts (codes, tickets). */
  take(key: string): V | undefined {
    const value = this.cache.get(key);
    this.cache.delete(key);
    return value;
  }

  has(key: string): boolean {
    return this.cache.has(key);
  }

  delete(key: string): void {
    this.cache.delete(key);
  }

  /** Live values only: the library purges on timers, so an entry may outlive its time by a tick. */
  values(): V[] {
    return [...this.cache.entries()].filter(([key]) => this.cache.has(key)).map(([, value]) => value);
  }
}
