import { describe, expect, it } from "vitest";
import { TokenBuckets } from "./token-bucket";

describe("TokenBuckets", () => {
  it("allows a burst of `capacity`, then refuses with the seconds until the next token", () => {
    const buckets = new TokenBuckets(3, 6);
    const now = 1_000_000;
    expect([1, 2, 3].map(() => buckets.take("litware", now).ok)).toEqual([true, true, true]);
    expect(buckets.take("litware", now)).toEqual({ ok: false, retryAfterSeconds: 10 });
    expect(buckets.take("litware", now + 4_000)).toEqual({ ok: false, retryAfterSeconds: 6 });
    expect(buckets.take("litware", now + 10_000).ok).toBe(true);
  });

  it("keeps organizations apart and never refills past the capacity", () => {
    const buckets = new TokenBuckets(2, 60);
    const now = 0;
    buckets.take("a", now);
    buckets.take("a", now);
    expect(buckets.take("a", now).ok).toBe(false);
    expect(buckets.take("b", now).ok).toBe(true);
    expect(buckets.take("b", now + 3_600_000)).toEqual({ ok: true, remaining: 1 });
  });

  it("forgets full buckets when it holds too many keys", () => {
    const buckets = new TokenBuckets(1, 60, 2);
    buckets.take("a", 0);
    buckets.take("b", 0);
    // a and b have refilled a minute later, so a third key makes room instead of growing the map.
    expect(buckets.take("c", 60_000).ok).toBe(true);
    expect(buckets.take("a", 60_000).ok).toBe(true);
  });
});
