import { describe, expect, it } from "vitest";
import { findCanary } from "./find-canary";

// The dump tests are only as good as this finder; prove it sees every encoding.
describe("findCanary", () => {
  const secret = "pat-canary-5b2e9c71d0aa";
  const around = (text: string) => Buffer.concat([Buffer.from("\x00row|"), Buffer.from(text), Buffer.from("|\xff")]);

  it("finds the secret raw, as hex, and as base64/base64url at every alignment", () => {
    expect(findCanary(around(secret), secret)).toContain("raw");
    expect(findCanary(around(Buffer.from(secret).toString("hex")), secret)).toContain("hex");
    expect(findCanary(around(Buffer.from(secret).toString("hex").toUpperCase()), secret)).toContain("HEX");
    expect(findCanary(Buffer.from(secret, "utf16le"), secret)).toContain("utf-16");
    for (const prefix of ["", "a", "ab", "abc"]) {
      expect(findCanary(around(Buffer.from(prefix + secret + "z").toString("base64")), secret).some((name) => name.startsWith("base64@"))).toBe(true);
      expect(findCanary(around(Buffer.from(prefix + secret).toString("base64url")), secret).some((name) => name.startsWith("base64url@"))).toBe(true);
    }
  });

  it("finds nothing in unrelated bytes", () => {
    expect(findCanary(around("pat-canary-0000000000"), secret)).toEqual([]);
  });
});
