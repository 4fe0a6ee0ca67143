import "server-only";
// Tokens cached until a margin before they expire, with single flight: concurrent callers for one
// key share one acquisition. A failed acquisition is not cached (the next caller tries again), and
// an invalidation while an acquisition is in flight keeps its result out of the cache, so a
// token fetched for settings that just changed is never served afterwards.

export type Expiring = { expiresOn: Date | null };

type Entry<T> = { value: T; refreshAt: number; storedAt: number };

export type CacheOptions = {
  /** Refresh this long before expiry. Entra ID and the ADO guidance use 5 minutes. */
  marginMs?: number;
  /** Upper bound for values that never expire (a PAT without an expiry date). */
  maxAgeMs?: number;
  maxEntries?: number;
  now?: () => number;
};

export class TokenCache<T extends Expiring> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly flights = new Map<string, Promise<T>>();
  private readonly marginMs: number;
  private readonly maxAgeMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;
  /** Counters for tests and the benchmark. */
  readonly stats = { hits: 0, joins: 0, acquisitions: 0, failures: 0 };

  constructor(options: CacheOptions = {}) {
    this.marginMs = options.marginMs ?? 5 * 60_000;
    this.maxAgeMs = options.maxAgeMs ?? 15 * 60_000;
    this.maxEntries = options.maxEntries ?? 1000;
    this.now = options.now ?? Date.now;
  }

  async get(key: string, acquire: () => Promise<T>): Promise<{ value: T; fromCache: boolean }> {
    const entry = this.entries.get(key);
    if (entry && entry.refreshAt > this.now()) {
      this.stats.hits++;
      return { value: entry.value, fromCache: true };
    }
    const flight = this.flights.get(key);
    if (flight) {
      this.stats.joins++;
      return { value: await flight, fromCache: false };
    }
    this.stats.acquisitions++;
    const promise = acquire();
    this.flights.set(key, promise);
    try {
      const value = await promise;
      // invalidate() detaches the flight: its result belongs to settings that no longer hold.
      if (this.flights.get(key) === promise) this.store(key, value);
      return { value, fromCache: false };
    } catch (error) {
      this.stats.failures++;
      throw error;
    } finally {
      if (this.flights.get(key) === promise) this.flights.delete(key);
    }
  }

  /** Drops matching entries and detaches in-flight acquisitions from the cache. */
  invalidate(matches: (key: string) => boolean): void {
    for (const key of [...this.entries.keys()]) if (matches(key)) this.entries.delete(key);
    for (const key of [...this.flights.keys()]) if (matches(key)) this.flights.delete(key);
  }

  clear(): void {
    this.invalidate(() => true);
  }

  get size(): number {
    return this.entries.size;
  }

  private store(key: string, value: T): void {
    const now = this.now();
    const refreshAt = value.expiresOn ? value.expiresOn.getTime() - this.marginMs : now + this.maxAgeMs;
    if (refreshAt <= now) return; // too short-lived to be worth caching
    this.entries.delete(key);
    this.entries.set(key, { value, refreshAt, storedAt: now });
    // Maps iterate in insertion order: the first key is the oldest.
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }
}
