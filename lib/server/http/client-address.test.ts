import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";

const request = (forwardedFor?: string) => new Request("http://localhost:3000/api/auth/session", { headers: forwardedFor ? { "x-forwarded-for": forwardedFor } : {} });

describe("clientAddress", () => {
  it("ignores X-Forwarded-For when no proxy is trusted", () => {
    expect(clientAddress(request("203.0.113.7"), 0)).toBeUndefined();
  });

  it("takes the entry the outermost trusted proxy appended, never one the client wrote", () => {
    // The client sent "198.51.100.66" itself; the proxy appended the address it saw.
    expect(clientAddress(request("198.51.100.66, 203.0.113.7"), 1)).toBe("203.0.113.7");
    expect(clientAddress(request("198.51.100.66, 203.0.113.7, 10.0.0.2"), 2)).toBe("203.0.113.7");
    expect(clientAddress(request("2001:db8::1"), 1)).toBe("2001:db8::1");
  });

  it("gives no address when there are fewer entries than trusted hops, or the entry is not an address", () => {
    expect(clientAddress(request("203.0.113.7"), 2)).toBeUndefined();
    expect(clientAddress(request(), 1)).toBeUndefined();
    expect(clientAddress(request("<script>"), 1)).toBeUndefined();
  });
});
