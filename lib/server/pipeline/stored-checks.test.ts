import { describe, expect, it } from "vitest";
import { passCheck, skippedCheck } from "./check-results";
import { checksColumn, checksOf } from "./stored-checks";

const head = { key: "exchange", label: "Exchange the identity's token for the app's" };

describe("a run's stored checks", () => {
  it("read back as written, in hop order", () => {
    const checks = [passCheck(head, "issuer https://login.example/t/v2.0", 41), skippedCheck({ key: "ado-call", label: "Call Azure DevOps" }, "The exchange failed.", "Fix the exchange first.")];
    expect(checksOf(checksColumn(checks))).toEqual(checks);
  });

  it("keep only a check's own fields: anything else a check object carries is not stored", () => {
    const carried = { ...passCheck(head, "ok", 3), authorization: "Bearer canary-token-0123456789" };
    const column = checksColumn([carried]);
    expect(column).not.toContain("canary-token");
    expect(JSON.parse(column)).toEqual([passCheck(head, "ok", 3)]);
  });

  it("refuse a column that is not a list of checks, instead of showing half a check", () => {
    expect(() => checksOf(JSON.stringify([{ key: "exchange", label: "x", status: "green" }]))).toThrow();
    expect(() => checksOf("{")).toThrow();
  });
});
