import { describe, expect, it } from "vitest";
import { testKey, testRing } from "@/lib/server/crypto/test-keys";
import { sameState, sealFlow, unsealFlow, type OauthFlow } from "./oauth-flow-cookie";

const ring = testRing(testKey("k1"));
const flow: OauthFlow = {
  v: 1,
  state: "s".repeat(43),
  connectorId: "c1",
  operatorId: "admin-oid",
  verifier: "v".repeat(43),
  redirectUri: "http://localhost:3000/api/oauth/callback",
  expiresAt: Date.now() + 60_000,
};

describe("OAuth flow cookie", () => {
  it("round-trips and hides the PKCE verifier", () => {
    const sealed = sealFlow(flow, ring);
    expect(sealed).not.toContain(flow.verifier);
    expect(sealed).not.toContain("admin-oid");
    expect(unsealFlow(sealed, ring)).toEqual(flow);
  });

  it("refuses an altered, foreign-key, expired or missing cookie", () => {
    const sealed = sealFlow(flow, ring);
    const [keyId, payload] = sealed.split(".") as [string, string];
    const flipped = `${keyId}.${payload.slice(0, 20)}${payload[20] === "A" ? "B" : "A"}${payload.slice(21)}`;
    expect(unsealFlow(flipped, ring)).toBeNull();
    expect(unsealFlow(sealed, testRing(testKey("k1")))).toBeNull();
    expect(unsealFlow(sealFlow({ ...flow, expiresAt: Date.now() - 1 }, ring), ring)).toBeNull();
    expect(unsealFlow(undefined, ring)).toBeNull();
    expect(unsealFlow("garbage", ring)).toBeNull();
  });

  it("still opens a cookie sealed under an older key of the ring", () => {
    const old = testKey("k1");
    const sealed = sealFlow(flow, testRing(old));
    expect(unsealFlow(sealed, testRing(testKey("k2"), old))).toEqual(flow);
  });

  it("compares states in constant time and by exact value", () => {
    expect(sameState("abc", "abc")).toBe(true);
    expect(sameState("abc", "abd")).toBe(false);
    expect(sameState("abc", "abcd")).toBe(false);
  });
});
