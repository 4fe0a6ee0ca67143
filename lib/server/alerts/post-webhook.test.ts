import type { LookupAddress } from "node:dns";
import { describe, expect, it } from "vitest";
import { guardedLookup, RefusedAddressError, type ResolveHost } from "./post-webhook";

const answers =
  (...found: LookupAddress[]): ResolveHost =>
  () =>
    Promise.resolve(found);

/** Runs the lookup the way net.connect does and returns what it handed the socket. */
function lookup(resolve: ResolveHost, options: { all?: boolean; family?: number }, allowLoopback = false) {
  return new Promise<{ error: Error | null; address: unknown; family?: number }>((done) =>
    guardedLookup({ allowLoopback }, resolve)("hooks.example.com", options, (error, address, family) => done({ error, address, family })),
  );
}

describe("guardedLookup", () => {
  const publicV4 = { address: "20.190.160.1", family: 4 };
  const publicV6 = { address: "2620:1ec:c11::200", family: 6 };

  it("hands the socket the checked answers, all of them or the first of the family asked for", async () => {
    expect(await lookup(answers(publicV4, publicV6), { all: true })).toEqual({ error: null, address: [publicV4, publicV6], family: undefined });
    expect(await lookup(answers(publicV4, publicV6), {})).toEqual({ error: null, address: "20.190.160.1", family: 4 });
    expect(await lookup(answers(publicV4, publicV6), { family: 6 })).toEqual({ error: null, address: "2620:1ec:c11::200", family: 6 });
  });

  it("refuses the host when any answer is refused, before the socket gets an address", async () => {
    const { error } = await lookup(answers(publicV4, { address: "169.254.169.254", family: 4 }), { all: true });
    expect(error).toBeInstanceOf(RefusedAddressError);
    expect(error?.message).toBe("hooks.example.com resolves to 169.254.169.254 (a cloud metadata endpoint); alerts are only sent to public addresses");
    expect((await lookup(answers({ address: "::ffff:10.0.0.1", family: 6 }), {})).error).toBeInstanceOf(RefusedAddressError);
  });

  it("lets loopback through only under the opt-in", async () => {
    const local = answers({ address: "127.0.0.1", family: 4 });
    expect((await lookup(local, {})).error).toBeInstanceOf(RefusedAddressError);
    expect(await lookup(local, {}, true)).toEqual({ error: null, address: "127.0.0.1", family: 4 });
  });

  it("passes a DNS failure on as it is", async () => {
    const failing: ResolveHost = () => Promise.reject(Object.assign(new Error("getaddrinfo ENOTFOUND hooks.example.com"), { code: "ENOTFOUND" }));
    expect((await lookup(failing, {})).error?.message).toBe("getaddrinfo ENOTFOUND hooks.example.com");
    expect((await lookup(answers(publicV4), { family: 6 })).error?.message).toBe("hooks.example.com has no usable address");
  });
});
