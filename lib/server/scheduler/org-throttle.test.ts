import { describe, expect, it } from "vitest";
import type { CheckResultDto } from "@/lib/schemas/validation";
import { DEFAULT_PAUSE_MS, throttledFor, throttleKey } from "./org-throttle";

const check = (code: string | null, retryAfterMs: number | null = null) =>
  ({ key: "ado-call", label: "ADO", status: "fail", code, fix: "Wait 99 s and run the test again.", retryAfterMs }) as CheckResultDto;

describe("throttledFor", () => {
  it("pauses for the Retry-After the check carries, not for what its text says", () => {
    expect(throttledFor([check("HTTP 429", 30_000)])).toBe(30_000);
  });
  it("falls back to a minute without a Retry-After, and is null without a throttle", () => {
    expect(throttledFor([check("HTTP 429")])).toBe(DEFAULT_PAUSE_MS);
    expect(throttledFor([check("TF401444")])).toBeNull();
  });
});

describe("throttleKey", () => {
  it("keys ADO by organization and Kusto by cluster", () => {
    expect(throttleKey({ kind: "ado", organization: { name: "litware" }, clusterUrl: null })).toBe("ado:litware");
    expect(throttleKey({ kind: "kusto", organization: null, clusterUrl: "https://c.kusto.windows.net" })).toBe("kusto:https://c.kusto.windows.net");
  });
});
