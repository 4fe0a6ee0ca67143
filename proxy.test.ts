// The proxy's own checks, called as Next.js calls it. The built server was measured with curl:
// without the path check, /api/connectors/%, /%E0%A4%A and /connectors/% answered Next's plain 500.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "./proxy";

const call = (path: string, headers: Record<string, string> = {}) => proxy(new NextRequest(`http://localhost${path}`, { headers }));

describe("proxy", () => {
  it.each(["/api/connectors/%", "/api/connectors/abc/projects/%E0%A4%A/areas", "/api/sources/%zz"])("answers 400 JSON naming the path for %s", async (path) => {
    const response = await call(path);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; fields: { field: string }[] } };
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.fields.map((field) => field.field)).toEqual(["path"]);
  });

  it.each(["/%E0%A4%A", "/connectors/%", "/%C0%AF"])("answers a plain 400 for the page %s, prefetch or not", async (path) => {
    expect((await call(path)).status).toBe(400);
    expect((await call(path, { "next-router-prefetch": "1" })).status).toBe(400);
    expect(await (await call(path)).text()).toContain("malformed percent escape");
  });

  // API paths are not gated (apiRoute answers for itself), so no database is needed here; the
  // page gate is covered by e2e/auth/page-guard.spec.ts against the built server.
  it("lets well-formed paths through with a nonce policy, prefetches included", async () => {
    const route = await call("/api/connectors/%E2%82%AC");
    expect(route.status).toBe(200);
    expect(route.headers.get("content-security-policy")).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
    expect((await call("/api/connectors", { purpose: "prefetch" })).headers.get("content-security-policy")).toMatch(/'nonce-/);
  });
});
