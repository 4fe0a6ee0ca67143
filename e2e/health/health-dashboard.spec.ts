// The health dashboard in Chromium against the production build and the sandbox cloud: a setup
// that failed the test it gets on save is "Not set up" and shows its failing hop with the cause
// and fix, "Check now" runs the chain and updates the page, and a reader sees the same states with
// no change button (and the server refuses the check). A connector that breaks after it worked is
// world-change.spec.ts. With TB_SCREENSHOTS=1 the views are also saved to .screenshots/.
import { defaultMiFicSettings } from "../../sandbox/world/default/mi-fic-settings";
import path from "node:path";
import type { APIRequestContext, Page } from "@playwright/test";
import { CONNECTOR_APP, TENANT } from "../../sandbox/world/default/ids";
import { resetSandbox, sandboxAdmin } from "../oauth/sandbox-admin";
import { deleteAllConnectors, expect, test } from "../fixtures";

const miFic = defaultMiFicSettings;

async function create(api: APIRequestContext, data: Record<string, unknown>): Promise<string> {
  const response = await api.post("/api/connectors", { data });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function screenshot(page: Page, name: string) {
  if (process.env.TB_SCREENSHOTS !== "1") return;
  await page.screenshot({ path: path.resolve(".screenshots", `${name}.png`), fullPage: true });
}

const row = (page: Page, id: string) => page.locator(`li[data-connector="${id}"]`);

test.describe("health dashboard", () => {
  test.beforeEach(async () => {
    await resetSandbox();
  });

  test("Fabrikam's setup is not set up, failing at the exchange with the cause and fix; Check now re-runs it; Litware is healthy", async ({ api, page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await deleteAllConnectors(api);
    const litware = await create(api, { kind: "ado", organization: "litware", displayName: "Litware", ...miFic(TENANT.litware) });
    const fabrikam = await create(api, { kind: "ado", organization: "fabrikam", displayName: "Fabrikam", ...miFic(TENANT.fabrikam) });
    const origin = process.env.TB_E2E_SANDBOX_ORIGIN;
    const telemetry = await create(api, { kind: "kusto", displayName: "Litware telemetry", clusterUrl: `${origin}/kusto/litware`, database: "Telemetry", ...miFic(TENANT.litware) });
    await create(api, { kind: "kusto", displayName: "Litware billing", clusterUrl: `${origin}/kusto/litware`, database: "Billing", ...miFic(TENANT.litware) });

    // Proved before used: each save ran the chain test; Fabrikam's has no admin consent yet.
    await page.goto("/health");
    await expect(row(page, fabrikam)).toHaveAttribute("data-status", "draft");
    await expect(row(page, litware)).toHaveAttribute("data-status", "healthy");

    // A few runs more, so the history bars have something to show.
    for (const id of [litware, telemetry]) {
      for (let i = 0; i < 3; i++) expect((await api.post(`/api/connectors/${id}/test`)).status()).toBe(200);
    }
    await page.reload();

    const fabrikamRow = row(page, fabrikam);
    // A setup whose test failed opens on its failing hop, like a failing connector.
    await fabrikamRow.getByRole("button", { name: /Check now/ }).click();
    await expect(fabrikamRow.getByRole("status")).toContainText("a hop failed");
    await expect(fabrikamRow).toHaveAttribute("data-status", "draft");
    // The failing hop: which one, why, and what to do.
    await expect(fabrikamRow.getByText("Failing at hop 2 of 3: Exchange in the target tenant for Azure DevOps")).toBeVisible();
    const failingHop = fabrikamRow.locator('[data-hop="exchange"][data-status="fail"]');
    await expect(failingHop).toContainText("AADSTS700016");
    await expect(failingHop.getByText("Why:")).toBeVisible();
    await expect(failingHop.getByText("Fix:")).toBeVisible();
    await expect(failingHop.getByRole("link", { name: /consent/i })).toHaveAttribute("href", new RegExp(`/${TENANT.fabrikam}/adminconsent\\?client_id=${CONNECTOR_APP.appId}`));

    const litwareRow = row(page, litware);
    await expect(litwareRow).toHaveAttribute("data-status", "healthy");
    await litwareRow.locator("summary").first().click(); // healthy rows start closed
    await litwareRow.getByRole("button", { name: /Check now/ }).click();
    await expect(litwareRow.getByRole("status")).toContainText("every hop passed");
    // The test on save, three more and this one.
    await expect(litwareRow.getByRole("img", { name: /Last 5 runs: 5 passed/ }).first()).toBeAttached();

    // Attention first; setups that never passed come last.
    const order = await page.locator("li[data-connector]").evaluateAll((items) => items.map((item) => item.getAttribute("data-status")));
    expect(order).toEqual(["healthy", "healthy", "draft", "draft"]);
    await screenshot(page, "health-not-set-up");
    if (process.env.TB_SCREENSHOTS === "1") {
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: path.resolve(".screenshots", "health.png") });
    }

    // Filters: only the connectors of Fabrikam's organization that are not set up.
    await page.goto(`/health?status=draft&organization=fabrikam`);
    await expect(page.locator("li[data-connector]")).toHaveCount(1);
    await screenshot(page, "health-filtered");
    await page.goto(`/health?status=healthy`);
    await expect(page.locator("li[data-connector]")).toHaveCount(2);
    await screenshot(page, "health-healthy");

    // The audit log shows who ran the checks.
    await page.goto("/audit?action=connector.tested");
    await expect(page.getByRole("table").getByText("connector.tested").first()).toBeVisible();
    await screenshot(page, "audit-log-health");
  });

  test("a silent Azure DevOps shows as Upstream unavailable with a hop that is not answering, not as Failing", async ({ api, page }) => {
    await deleteAllConnectors(api);
    const litware = await create(api, { kind: "ado", organization: "litware", displayName: "Litware", ...miFic(TENANT.litware) });
    await sandboxAdmin("POST", "/faults", { path: "/ado/litware", status: 503 });
    await page.goto("/health");
    const litwareRow = row(page, litware);
    await litwareRow.locator("summary").click(); // not checked yet: starts closed
    await litwareRow.getByRole("button", { name: /Check now/ }).click();
    await expect(litwareRow).toHaveAttribute("data-status", "unavailable");
    await expect(litwareRow.getByText("Upstream unavailable").first()).toBeVisible();
    await expect(litwareRow.getByText("Not answering at hop 3 of 3: Call Azure DevOps as that identity")).toBeVisible();
    const silentHop = litwareRow.locator('[data-hop="ado-call"][data-status="fail"]');
    await expect(silentHop).toContainText("Not answering");
    await expect(silentHop).toContainText("HTTP 503");
    await expect(silentHop).not.toContainText("Failed");
    await expect(silentHop.getByText("Why:")).toBeVisible();
    await expect(silentHop.getByText("Fix:")).toBeVisible();
    await expect(page.getByRole("link", { name: /Upstream unavailable/ })).toBeVisible();
    await screenshot(page, "health-upstream-unavailable");
  });

  test.describe("as a reader", () => {
    test.use({ role: "reader" });

    test("sees the failing hop with its cause and fix but no Check now, and the server refuses one", async ({ api, page, playwright, adminState, baseURL }) => {
      // A reader cannot create or test connectors: an admin's request context seeds them.
      const admin = await playwright.request.newContext({ baseURL, storageState: adminState, ignoreHTTPSErrors: true });
      await deleteAllConnectors(admin);
      const fabrikam = await create(admin, { kind: "ado", organization: "fabrikam", displayName: "Fabrikam", ...miFic(TENANT.fabrikam) });
      await create(admin, { kind: "ado", organization: "litware", displayName: "Litware", ...miFic(TENANT.litware) });
      expect((await admin.post(`/api/connectors/${fabrikam}/test`)).status()).toBe(200);
      await admin.dispose();

      expect((await api.get("/api/health/connectors")).status()).toBe(200);
      await page.goto("/health");
      const fabrikamRow = row(page, fabrikam);
      await expect(fabrikamRow).toHaveAttribute("data-status", "draft");
      await expect(fabrikamRow.locator('[data-hop="exchange"]')).toContainText("AADSTS700016");
      await expect(page.getByRole("button", { name: /Check now/ })).toHaveCount(0);
      expect((await api.post(`/api/health/connectors/${fabrikam}/check`)).status()).toBe(403);
      await screenshot(page, "health-reader");
    });
  });
});
