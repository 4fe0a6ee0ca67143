// "Run chain test" shows hops turning green one by one, each with its timing:
// with the exchange and Azure DevOps slowed in the sandbox, the first hop has passed while the
// later ones are still running or waiting, then all finish.
import { CONNECTOR_APP, TENANT } from "../../sandbox/world/default/ids";
import { expect, test } from "../fixtures";
import { createMiFicConnector, freshStart, hop, panelShot } from "../mi-fic/connectors";
import { sandboxAdmin } from "../oauth/sandbox-admin";

const SLOW_MS = 1500;

test.describe("Live hops", () => {
  test.beforeEach(async ({ playwright, baseURL, adminState }) => freshStart(playwright, baseURL, adminState));
  test.afterEach(() => sandboxAdmin("DELETE", "/faults"));

  test("hops turn green one by one while the later ones wait, then the run replaces them", async ({ page, api }) => {
    const id = await createMiFicConnector(api, "litware", CONNECTOR_APP.appId, TENANT.litware);
    await sandboxAdmin("POST", "/faults", [
      { path: "^/[^/]+/oauth2/v2\\.0/token$", latencyMs: SLOW_MS },
      { path: "/ado/", latencyMs: SLOW_MS },
    ]);
    await page.goto(`/connectors/${id}`);
    const hops = page.getByRole("list", { name: "Hops of the latest run" });
    await page.getByRole("button", { name: "Run chain test" }).click();

    // The managed identity's token is fast: it has passed while the exchange runs and ADO waits.
    await expect(hop(page, "mi-token")).toHaveAttribute("data-status", "pass", { timeout: 5_000 });
    await expect(hops.locator('[data-status="running"]')).toHaveCount(1);
    await expect(hops.locator('[data-status="running"]')).toContainText("Exchange");
    await expect(hops.locator('[data-status="pending"]')).toHaveCount(1);
    await expect(page.getByRole("button", { name: "Running…" })).toBeDisabled();
    await expect(page.getByRole("status").filter({ hasText: "Hop 1 of 3" })).toContainText("Passed");
    await panelShot(page, "Chain test", ".screenshots/chain/live-hops-running.png");

    // The exchange passes next, with its time, while ADO is still being called.
    await expect(hop(page, "exchange")).toHaveAttribute("data-status", "pass", { timeout: 8_000 });
    await expect(hops.locator('[data-status="running"]')).toHaveCount(1);
    await expect(hop(page, "exchange")).toContainText(/\d\.\d s/);

    await expect(hop(page, "ado-call")).toHaveAttribute("data-status", "pass", { timeout: 15_000 });
    await expect(page.getByText(/^All hops passed in/)).toBeVisible();
    await expect(hops.locator('[data-status="running"], [data-status="pending"]')).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Run chain test" })).toBeEnabled();
    await panelShot(page, "Chain test", ".screenshots/chain/live-hops-done.png");
  });
});
