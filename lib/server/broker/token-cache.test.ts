import { describe, expect, it } from "vitest";
import { TokenCache } from "./token-cache";

type Token = { value: string; expiresOn: Date | null };

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("TokenCache", () => {
  it("serves a token from the cache until 5 minutes before it expires", async () => {
    let now = 0;
    const cache = new TokenCache<Token>({ now: () => now });
    let calls = 0;
    const acquire = async () => ({ value: `t${++calls}`, expiresOn: new Date(60 * 60_000) });
    expect((await cache.get("k", acquire)).fromCache).toBe(false);
    now = 54 * 60_000;
    expect(await cache.get("k", acquire)).toEqual({ value: { value: "t1", expiresOn: new Date(60 * 60_000) }, fromCache: true });
    now = 55 * 60_000;
    expect((await cache.get("k", acquire)).value.value).toBe("t2");
    expect(calls).toBe(2);
  });

  it("shares one acquisition among concurrent callers", async () => {
    const cache = new TokenCache<Token>();
    const pending = deferred<Token>();
    let calls = 0;
    const acquire = () => {
      calls++;
      return pending.promise;
    };
    const callers = Array.from({ length: 10 }, () => cache.get("k", acquire));
    pending.resolve({ value: "shared", expiresOn: new Date(Date.now() + 3600_000) });
    const results = await Promise.all(callers);
    expect(calls).toBe(1);
    expect(new Set(results.map((result) => result.value.value))).toEqual(new Set(["shared"]));
    expect(cache.stats).toMatchObject({ acquisitions: 1, joins: 9 });
  });

  it("does not cache a failure: every waiting caller sees it, the next caller tries again", async () => {
    const cache = new TokenCache<Token>();
    const pending = deferred<Token>();
    const first = cache.get("k", () => pending.promise);
    const second = cache.get("k", () => Promise.resolve({ value: "never", expiresOn: null }));
    pending.reject(new Error("AADSTS700016"));
    await expect(first).rejects.toThrow("AADSTS700016");
    await expect(second).rejects.toThrow("AADSTS700016");
    const retry = await cache.get("k", async () => ({ value: "ok", expiresOn: null }));
    expect(retry).toMatchObject({ value: { value: "ok" }, fromCache: false });
  });

  it("keeps the result of an acquisition that was in flight during an invalidation out of the cache", async () => {
    const cache = new TokenCache<Token>();
    const pending = deferred<Token>();
    const stale = cache.get("connector:a:v1", () => pending.promise);
    cache.invalidate((key) => key.startsWith("connector:a:"));
    pending.resolve({ value: "old secret", expiresOn: null });
    expect((await stale).value.value).toBe("old secret");
    const fresh = await cache.get("connector:a:v1", async () => ({ value: "new secret", expiresOn: null }));
    expect(fresh).toMatchObject({ value: { value: "new secret" }, fromCache: false });
  });

  it("bounds values without expiry by maxAge and skips tokens too short-lived to cache", async () => {
    let now = 0;
    const cache = new TokenCache<Token>({ now: () => now, maxAgeMs: 1000 });
    await cache.get("pat", async () => ({ value: "p", expiresOn: null }));
    now = 999;
    expect((await cache.get("pat", async () => ({ value: "p2", expiresOn: null }))).fromCache).toBe(true);
    now = 1000;
    expect((await cache.get("pat", async () => ({ value: "p3", expiresOn: null }))).value.value).toBe("p3");
    await cache.get("short", async () => ({ value: "s", expiresOn: new Date(now + 60_000) }));
    expect((await cache.get("short", async () => ({ value: "s2", expiresOn: null }))).value.value).toBe("s2");
  });

  it("evicts the oldest entries beyond its size", async () => {
    const cache = new TokenCache<Token>({ maxEntries: 2 });
    for (const key of ["a", "b", "c"]) await cache.get(key, async () => ({ value: key, expiresOn: null }));
    expect(cache.size).toBe(2);
    expect((await cache.get("a", async () => ({ value: "a2", expiresOn: null }))).fromCache).toBe(false);
  });
});
