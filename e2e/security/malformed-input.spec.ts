// Inputs that used to give a 500 from the production server, sent over real HTTP: Next.js
// decodes the path before any route handler runs, so only the built server shows that the proxy
// answers first. No browser and no sign-in: these are what a script or a broken client sends.
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";

let api: APIRequestContext;
test.beforeAll(async () => {
  api = await playwrightRequest.newContext({ baseURL: process.env.TB_E2E_BASE_URL, ignoreHTTPSErrors: true });
});
test.afterAll(async () => {
  await api.dispose();
});

test.describe("malformed input against the built portal", () => {
  for (const path of ["/api/connectors/%", "/api/connectors/abc/projects/%E0%A4%A/areas"]) {
    test(`API path ${path} is a 400 naming the path`, async () => {
      for (const headers of [{}, { "next-router-prefetch": "1", rsc: "1" }] as Record<string, string>[]) {
        const response = await api.get(path, { headers });
        expect(response.status()).toBe(400);
        expect((await response.json()) as unknown).toMatchObject({ error: { code: "validation_failed", fields: [{ field: "path" }] } });
      }
    });
  }

  for (const path of ["/%E0%A4%A", "/connectors/%"]) {
    test(`page path ${path} is a plain 400`, async () => {
      const response = await api.get(path);
      expect(response.status()).toBe(400);
      expect(await response.text()).toContain("malformed percent escape");
    });
  }

  test("a session cookie with a malformed escape is signed out, not a 500", async () => {
    for (const path of ["/api/connectors", "/api/audit", "/api/auth/session"]) {
      const response = await api.get(path, { headers: { cookie: "tb_session=%" } });
      expect(`${path} ${response.status()}`).toBe(`${path} 401`);
    }
  });

  test("an OAuth state over 512 characters answers a 400 popup page naming it", async () => {
    const response = await api.get(`/api/oauth/callback?code=x&state=${"s".repeat(513)}`);
    expect(response.status()).toBe(400);
    const html = await response.text();
    expect(html).toContain("This sign-in answer is malformed");
    expect(html).toContain("The state parameter");
  });
});
