// The proxy's own checks, called as Next.js calls it. The built server was measured with curl:
// without the path check, /api/connectors/%, /%E0%A4%A and /connectors/% answered Next's plain 500.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "./proxy";

const call = (path: string, headers: Record<string, string> = {}) => proxy(new NextRequest(`http://localhost${path}`, { headers }));

describe("proxy", () => {
  it.each(["/api/connectors/%", "/api/connectors/abc/projects/%E0%A4%A/areas", "/api/sources/%zz"])("answers 400 JSON naming the path for %s", async (path) => {
    const response = call(path);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; fields: { field: string }[] } };
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.fields.map((field) => field.field)).toEqual(["path"]);
  });

  it.each(["/%E0%A4%A", "/connectors/%", "/%C0%AF"])("answers a plain 400 for the page %s, prefetch or not", async (path) => {
    expect(call(path).status).toBe(400);
    expect(call(path, { "next-router-prefetch": "1" }).status).toBe(400);
    expect(await call(path).text()).toContain("malformed percent escape");
  });

  it("lets well-formed paths through with a nonce policy, and prefetches without one", () => {
    const page = call("/connectors/%E2%82%AC");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
    expect(call("/connectors", { purpose: "prefetch" }).headers.get("content-security-policy")).toBeNull();
  });
});
