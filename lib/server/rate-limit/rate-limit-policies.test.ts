import { describe, expect, it } from "vitest";
import { slidingWindowPolicy, tokenBucketPolicy, type RateLimitPolicy, type TakeResult } from "./rate-limit-policies";

/** Drives a policy the way the shared store does: the state of each take feeds the next. */
function driver<State>(policy: RateLimitPolicy<State>) {
  let state: State | undefined;
  return (now: number): TakeResult => {
    const next = policy.take(policy.parse(JSON.parse(JSON.stringify(state ?? null))), now);
    if (next.result.ok) state = next.state;
    return next.result;
  };
}

describe("tokenBucketPolicy", () => {
  it("allows a burst of `capacity`, then refuses with the seconds until the next token", () => {
    const take = driver(tokenBucketPolicy("t", 3, 6));
    const now = 1_000_000;
    expect([1, 2, 3].map(() => take(now).ok)).toEqual([true, true, true]);
    expect(take(now)).toEqual({ ok: false, retryAfterSeconds: 10 });
    expect(take(now + 4_000)).toEqual({ ok: false, retryAfterSeconds: 6 });
    expect(take(now + 10_000).ok).toBe(true);
  });

  it("never refills past the capacity and says when a key has fully recovered", () => {
    const policy = tokenBucketPolicy("t", 2, 60);
    const take = driver(policy);
    take(0);
    take(0);
    expect(take(0).ok).toBe(false);
    expect(take(3_600_000)).toEqual({ ok: true, remaining: 1 });
    expect(policy.take(undefined, 0).recoveredAt).toBe(1_000);
  });

  it("starts afresh from a state it cannot read", () => {
    expect(tokenBucketPolicy("t", 2, 60).take(undefined, 0).result).toEqual({ ok: true, remaining: 1 });
    expect(tokenBucketPolicy("t", 2, 60).parse({ tokens: "lots" })).toBeUndefined();
  });
});

describe("slidingWindowPolicy", () => {
  it("allows `limit` calls in any window, then says how long until the oldest leaves it", () => {
    const take = driver(slidingWindowPolicy("w", 6, 60_000));
    for (let i = 0; i < 6; i++) expect(take(1_000 + i * 1000).ok).toBe(true);
    expect(take(10_000)).toEqual({ ok: false, retryAfterSeconds: 51 });
    expect(take(60_999).ok).toBe(false);
    expect(take(61_001)).toEqual({ ok: true, remaining: 0 });
  });
});
