import "server-only";
// A small in-process token bucket per key: `capacity` calls at once, refilled at `refillPerMinute`.
// Used only for the security-event log budgets, which bound how much one process writes to its
// own log: per process on purpose (N replicas write N logs). The operator-facing limits are
// shared by all replicas through the database (take-shared-slot.ts).
export type TakeResult = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

type Bucket = { tokens: number; updatedAt: number };

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly capacity: number,
    readonly refillPerMinute: number,
    private readonly maxKeys = 10_000,
  ) {}

  take(key: string, now = Date.now()): TakeResult {
    const bucket = this.refill(key, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true, remaining: Math.floor(bucket.tokens) };
    }
    const msPerToken = 60_000 / this.refillPerMinute;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(((1 - bucket.tokens) * msPerToken) / 1000)) };
  }

  reset(): void {
    this.buckets.clear();
  }

  private refill(key: string, now: number): Bucket {
    const existing = this.buckets.get(key);
    if (!existing) {
      if (this.buckets.size >= this.maxKeys) this.forgetFull(now);
      const bucket = { tokens: this.capacity, updatedAt: now };
      this.buckets.set(key, bucket);
      return bucket;
    }
    const elapsed = Math.max(0, now - existing.updatedAt);
    existing.tokens = Math.min(this.capacity, existing.tokens + (elapsed * this.refillPerMinute) / 60_000);
    existing.updatedAt = now;
    return existing;
  }

  /** Buckets that have refilled completely carry no state worth keeping. */
  private forgetFull(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.updatedAt) * this.refillPerMinute) / 60_000 >= this.capacity) this.buckets.delete(key);
    }
  }
}
