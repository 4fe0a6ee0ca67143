import { describe, expect, it } from "vitest";
import { expiryToDate, savePatSchema } from "./connector-pat";

describe("savePatSchema", () => {
  it("accepts a PAT with an optional calendar expiry, trims it, and refuses unknown fields", () => {
    expect(savePatSchema.parse({ pat: "  abcdefgh12345678 ", expiresAt: "2030-01-31", version: 2 })).toEqual({ pat: "abcdefgh12345678", expiresAt: "2030-01-31", version: 2 });
    expect(savePatSchema.safeParse({ pat: "abcdefgh", version: 1, owner: "x" }).success).toBe(false);
    expect(savePatSchema.safeParse({ pat: "abcdefgh", version: 1, expiresAt: "31/01/2030" }).success).toBe(false);
    expect(savePatSchema.safeParse({ pat: "x".repeat(1025), version: 1 }).success).toBe(false);
  });

  it("never puts the rejected value in its messages", () => {
    const result = savePatSchema.safeParse({ pat: `secret-${"y".repeat(1030)}`, version: 1 });
    expect(JSON.stringify(result.error?.issues)).not.toContain("secret-");
  });

  it("reads a calendar date as the end of that day (UTC)", () => {
    expect(expiryToDate("2030-01-31").toISOString()).toBe("2030-01-31T23:59:59.999Z");
    expect(expiryToDate("2030-01-31T10:00:00Z").toISOString()).toBe("2030-01-31T10:00:00.000Z");
  });
});
