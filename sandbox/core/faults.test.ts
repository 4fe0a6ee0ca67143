import { describe, expect, it } from "vitest";
import { FaultStore, faultSchema } from "./faults";

describe("fault store", () => {
  it("matches prefixes and regular expressions, adds latencies, and counts down `times`", () => {
    const store = new FaultStore();
    store.add(faultSchema.parse({ path: ".*", latencyMs: 50 }));
    store.add(faultSchema.parse({ path: "/ado/", status: 429, retryAfterSeconds: 3, times: 1 }));
    const first = store.take("GET", "/ado/litware/_apis/projects");
    expect(first.latencyMs).toBe(50);
    expect(first.response).toMatchObject({ status: 429, headers: { "retry-after": "3" } });
    expect(store.take("GET", "/ado/litware/_apis/projects").response).toBeNull();
    expect(store.take("POST", "/organizations/oauth2/v2.0/token").latencyMs).toBe(50);
  });

  it("filters by method and validates the fault", () => {
    const store = new FaultStore();
    store.add(faultSchema.parse({ path: "/", method: "post", hang: true }));
    expect(store.take("GET", "/x").hang).toBe(false);
    expect(store.take("POST", "/x").hang).toBe(true);
    expect(faultSchema.safeParse({ path: "/", status: 404 }).success).toBe(false);
    expect(faultSchema.safeParse({ path: "[", status: 500 }).success).toBe(false);
  });
});
