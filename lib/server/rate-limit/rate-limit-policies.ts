import "server-only";
// The arithmetic of the operator-facing limits, as pure functions of (state, now) so the shared
// store (take-shared-slot.ts) can keep the state in one database row for every replica.
import { z } from "zod";

export type TakeResult = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

export type RateLimitPolicy<State> = {
  /** Stable: it names the rows in the shared table. */
  name: string;
  /** Parses a stored state; undefined starts the key afresh (an unreadable row is not worth a 500). */
  parse(stored: unknown): State | undefined;
  /** The state after taking one slot now (unchanged when refused), and when it has fully recovered. */
  take(state: State | undefined, now: number): { state: State; result: TakeResult; recoveredAt: number };
};

const bucketSchema = z.object({ tokens: z.number().finite(), updatedAt: z.number().finite() });
type Bucket = z.infer<typeof bucketSchema>;

/** `capacity` calls at once, refilled at `refillPerMinute`. */
export function tokenBucketPolicy(name: string, capacity: number, refillPerMinute: number): RateLimitPolicy<Bucket> {
  const msPerToken = 60_000 / refillPerMinute;
  return {
    name,
    parse: (stored) => bucketSchema.safeParse(stored).data,
    take(state, now) {
      const elapsed = state ? Math.max(0, now - state.updatedAt) : 0;
      const tokens = state ? Math.min(capacity, state.tokens + elapsed / msPerToken) : capacity;
      if (tokens >= 1) {
        const after = tokens - 1;
        return { state: { tokens: after, updatedAt: now }, result: { ok: true, remaining: Math.floor(after) }, recoveredAt: now + Math.ceil((capacity - after) * msPerToken) };
      }
      const retryAfterSeconds = Math.max(1, Math.ceil(((1 - tokens) * msPerToken) / 1000));
      return { state: { tokens, updatedAt: now }, result: { ok: false, retryAfterSeconds }, recoveredAt: now + Math.ceil((capacity - tokens) * msPerToken) };
    },
  };
}

const windowSchema = z.object({ times: z.array(z.number().finite()).max(1000) });
type Window = z.infer<typeof windowSchema>;

/** At most `limit` calls in any `windowMs`; a refusal says when the oldest call leaves the window. */
export function slidingWindowPolicy(name: string, limit: number, windowMs: number): RateLimitPolicy<Window> {
  return {
    name,
    parse: (stored) => windowSchema.safeParse(stored).data,
    take(state, now) {
      const times = (state?.times ?? []).filter((time) => time > now - windowMs).sort((a, b) => a - b);
      if (times.length >= limit) {
        const retryAfterSeconds = Math.max(1, Math.ceil((times[0]! + windowMs - now) / 1000));
        return { state: { times }, result: { ok: false, retryAfterSeconds }, recoveredAt: times.at(-1)! + windowMs };
      }
      times.push(now);
      return { state: { times }, result: { ok: true, remaining: limit - times.length }, recoveredAt: now + windowMs };
    },
  };
}
