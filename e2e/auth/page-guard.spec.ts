// Pages must not leak their data to anyone but a signed-in operator with the page's permission.
// App Router renders a page in parallel with its layout, so a redirect in the layout alone still
// streamed the page (and its data) in the 307's body. Every page.tsx under app/ is found on
// disk, so a new page is covered without anyone remembering to add it here; only the pages in
// `publicPages` may answer a signed-out visitor.
import { readdirSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { ADO_PATS } from "../../sandbox/world/default/ado";
import { USER } from "../../sandbox/world/default/ids";
import { deleteAllConnectors, expect, test } from "../fixtures";

/** Routes anyone may open: the sign-in page and the MSAL popup's redirect bridge. */
const publicPages = ["/sign-in", "/auth/redirect"];
/** Routes a reader must not get (they change something); any other guarded page is for every operator. */
const adminOnlyPages = ["/connectors/new", "/knowledge-sources/new", "/settings/agent-access"];
/** A refusal is a redirect or a status with a few words at most, never a rendered shell. */
const MAX_REFUSAL_BYTES = 512;

function pageRoutes(): string[] {
  const appDir = path.resolve(__dirname, "../../app");
  return (readdirSync(appDir, { recursive: true, encoding: "utf8" }) as string[])
    .filter((file) => path.basename(file) === "page.tsx")
    .map((file) => {
      const segments = path
        .dirname(file)
        .split(path.sep)
        .filter((segment) => segment !== "." && !/^\(.*\)$/.test(segment));
      return `/${segments.join("/")}`;
    })
    .sort();
}

const pat = ADO_PATS.devCodeAndWork;
const organizationCanary = `canary-${Date.now().toString(36)}`;
const canaries = () => ({
  organization: organizationCanary,
  "operator e-mail": USER.contosoAdmin.upn,
  "PAT's last four": pat.slice(-4),
  "database path": process.env.TB_E2E_DATA_DIR ?? "(TB_E2E_DATA_DIR unset)",
});

type Variant = { name: string; cookie?: string; rsc: boolean };
const refusedVariants = (extra: { name: string; cookie: string }[] = []): Variant[] =>
  [
    { name: "signed out" },
    { name: "forged cookie", cookie: `tb_session=${Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url")}` },
    { name: "malformed cookie", cookie: "tb_session=%" },
    ...extra,
  ].flatMap((variant) => [
    { ...variant, rsc: false },
    { ...variant, rsc: true },
  ]);

/**
 * One request as a browser (HTML) or as the client router (RSC: 1). Next.js answers an RSC
 * request without its cache-busting `_rsc` parameter with a bare redirect to the same path, which
 * is followed; any other redirect is the answer under test.
 */
async function fetchPage(request: APIRequestContext, route: string, variant: Variant): Promise<APIResponse> {
  const headers: Record<string, string> = { accept: variant.rsc ? "text/x-component" : "text/html" };
  if (variant.cookie) headers.cookie = variant.cookie;
  if (variant.rsc) headers.RSC = "1";
  let url = route;
  for (let hop = 0; hop < 3; hop++) {
    const response = await request.get(url, { headers, maxRedirects: 0 });
    const location = response.headers()["location"];
    if (!variant.rsc || !location || new URL(location, "http://x").pathname !== route) return response;
    url = location;
  }
  throw new Error(`${route} kept redirecting to itself`);
}

/** Soft, so one run lists every page and variant that leaks, not just the first. */
function expectRefused(label: string, status: number, body: string) {
  for (const [name, canary] of Object.entries(canaries())) expect.soft(body, `${label} holds the ${name}`).not.toContain(canary);
  expect.soft([301, 302, 303, 307, 308, 401, 403], `${label}: not a refusal`).toContain(status);
  expect.soft(body.length, `${label}: too large for a refusal`).toBeLessThanOrEqual(MAX_REFUSAL_BYTES);
}

const concreteRoute = (route: string, connectorId: string) => route.replace("[id]", connectorId);

test.describe("every page is guarded", () => {
  test.use({ role: "none" });
  let connectorId = "";

  test.beforeAll(async ({ playwright, adminState }) => {
    const admin = await playwright.request.newContext({ baseURL: process.env.TB_E2E_BASE_URL, storageState: adminState });
    await deleteAllConnectors(admin);
    const created = await admin.post("/api/connectors", { data: { kind: "ado", organization: "litware", authMethod: "pat" } });
    expect(created.status()).toBe(201);
    const connector = (await created.json()) as { id: string; version: number };
    connectorId = connector.id;
    const saved = await admin.put(`/api/connectors/${connectorId}/pat`, { data: { pat, version: connector.version } });
    expect(saved.status(), await saved.text()).toBe(200);
    expect((await admin.post("/api/connectors", { data: { kind: "ado", organization: organizationCanary, authMethod: "oauth" } })).status()).toBe(201);
    await admin.dispose();
  });

  test("the page list is found on disk, and every public page exists", () => {
    const routes = pageRoutes();
    expect(routes).toContain("/audit");
    expect(routes).toContain("/connectors/[id]");
    for (const route of [...publicPages, ...adminOnlyPages]) expect(routes, `${route} is declared but has no page.tsx`).toContain(route);
  });

  test("signed out, with a forged or a malformed cookie, every non-public page refuses with a small answer and none of the data", async ({ request }) => {
    const guarded = pageRoutes().filter((route) => !publicPages.includes(route));
    const checked: string[] = [];
    for (const route of guarded) {
      for (const variant of refusedVariants()) {
        const response = await fetchPage(request, concreteRoute(route, connectorId), variant);
        const body = await response.text();
        const label = `${route} ${variant.name} ${variant.rsc ? "RSC" : "HTML"} → ${response.status()} ${body.length} B`;
        checked.push(label);
        expectRefused(label, response.status(), body);
        if (response.status() >= 300 && response.status() < 400) expect.soft(new URL(response.headers()["location"] ?? "", "http://x").pathname, label).toBe("/sign-in");
      }
    }
    expect(checked.length).toBe(guarded.length * 6);
  });

  test("a reader gets none of the admin-only pages", async ({ request, readerState }) => {
    const session = readerState.cookies.find((cookie) => cookie.name === "tb_session");
    expect(session, "the reader signed in").toBeTruthy();
    const reader = { name: "reader", cookie: `tb_session=${session?.value}` };
    for (const route of adminOnlyPages) {
      for (const variant of [false, true].map((rsc) => ({ ...reader, rsc }))) {
        const response = await fetchPage(request, route, variant);
        const body = await response.text();
        const label = `${route} reader ${variant.rsc ? "RSC" : "HTML"} → ${response.status()} ${body.length} B`;
        expectRefused(label, response.status(), body);
      }
    }
  });

  test("a signed-in admin does get the data, so the checks above can fail", async ({ request, adminState }) => {
    const session = adminState.cookies.find((cookie) => cookie.name === "tb_session");
    const admin = { name: "admin", cookie: `tb_session=${session?.value}` };
    const bodies: string[] = [];
    for (const route of pageRoutes().filter((route) => !publicPages.includes(route))) {
      for (const rsc of [false, true]) {
        const response = await fetchPage(request, concreteRoute(route, connectorId), { ...admin, rsc });
        // "/" opens the connectors; every other page answers itself.
        if (route !== "/") expect(response.status(), `${route} as admin ${rsc ? "RSC" : "HTML"}`).toBe(200);
        bodies.push(await response.text());
      }
    }
    const everything = bodies.join("\n");
    for (const [name, canary] of Object.entries(canaries())) expect(everything, `no page shows the admin the ${name}`).toContain(canary);
  });
});
