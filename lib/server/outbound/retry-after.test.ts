import { describe, expect, it } from "vitest";
import { retryAfterMs } from "./retry-after";

describe("retryAfterMs", () => {
  it("reads delta seconds, as Azure DevOps sends them", () => {
    expect(retryAfterMs("5")).toBe(5000);
    expect(retryAfterMs(" 0.5 ")).toBe(500);
  });

  it("reads an HTTP date relative to now", () => {
    const now = Date.parse("2026-11-22T10:00:00Z");
    expect(retryAfterMs("Sun, 22 Nov 2026 10:00:07 GMT", now)).toBe(7000);
    expect(retryAfterMs("Sun, 22 Nov 2026 09:59:00 GMT", now)).toBe(0);
  });

  it("ignores a missing or unreadable header", () => {
    expect(retryAfterMs(null)).toBeNull();
    expect(retryAfterMs("soon")).toBeNull();
  });
});
