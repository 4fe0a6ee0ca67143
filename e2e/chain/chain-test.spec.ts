// The chain test for the default world's broken setups: each fails at the right hop with the
// decoded cause, the fix, and expected next to configured.
import { pickerTileId } from "../../sandbox/entra/pages";
import { AGENT_IDENTITY, CONNECTOR_APP, TENANT, USER, WRONG_SUBJECT_APP, WRONG_TENANT_APP } from "../../sandbox/world/default/ids";
import { expect, test } from "../fixtures";
import { createMiFicConnector, freshStart, hop, panelShot, runChainTest, shot } from "../mi-fic/connectors";

test.describe("Chain test failures", () => {
  test.beforeEach(async ({ playwright, baseURL, adminState }) => freshStart(playwright, baseURL, adminState));

  test("Fabrikam: hop 2 fails with AADSTS700016 and the consent link; after consent the exchange passes", async ({ page, api }) => {
    const id = await createMiFicConnector(api, "fabrikam", CONNECTOR_APP.appId, TENANT.fabrikam);
    await page.goto(`/connectors/${id}`);
    await runChainTest(page);
    await expect(hop(page, "mi-token")).toHaveAttribute("data-status", "pass");
    await expect(hop(page, "exchange")).toHaveAttribute("data-status", "fail");
    await expect(hop(page, "exchange")).toContainText("AADSTS700016");
    await expect(hop(page, "ado-call")).toHaveAttribute("data-status", "skipped");
    const consent = hop(page, "exchange").getByRole("link", { name: /consent/i });
    await expect(consent).toHaveAttribute("href", new RegExp(`/${TENANT.fabrikam}/adminconsent\\?client_id=${CONNECTOR_APP.appId}`));
    await shot(page, "chain-700016");
    await panelShot(page, "Chain test", ".screenshots/mi-fic/chain-700016-panel.png");

    // Fabrikam's admin consents in a popup; the exchange then works.
    const popupPromise = page.waitForEvent("popup");
    await consent.click();
    const popup = await popupPromise;
    await popup.locator(`#${pickerTileId(USER.fabrikamAdmin.upn)}`).click();
    await popup.waitForLoadState();
    await popup.close();
    await page.getByRole("button", { name: "Run again" }).click();
    await expect(hop(page, "exchange")).toHaveAttribute("data-status", "pass", { timeout: 50_000 });
    await shot(page, "chain-after-consent");
  });

  test("WRONG_TENANT_APP: the exchange fails with AADSTS700236, expected next to configured", async ({ page, api }) => {
    const id = await createMiFicConnector(api, "litware", WRONG_TENANT_APP.appId, TENANT.litware);
    await page.goto(`/connectors/${id}`);
    await runChainTest(page);
    await expect(hop(page, "exchange")).toHaveAttribute("data-status", "fail");
    await expect(hop(page, "exchange")).toContainText("AADSTS700236");
    await expect(hop(page, "exchange").getByText("Expected", { exact: true })).toBeVisible();
    await expect(hop(page, "exchange").getByText("Configured", { exact: true })).toBeVisible();
    await expect(hop(page, "exchange")).toContainText(TENANT.contoso);
    await expect(page.getByRole("button", { name: "Run again" })).toBeVisible();
    await shot(page, "chain-700236");
    await panelShot(page, "Chain test", ".screenshots/mi-fic/chain-700236-panel.png");
  });

  test("WRONG_SUBJECT_APP: AADSTS700213 shows the principal id next to the configured subject", async ({ page, api }) => {
    const id = await createMiFicConnector(api, "litware", WRONG_SUBJECT_APP.appId, TENANT.litware);
    await page.goto(`/connectors/${id}`);
    await runChainTest(page);
    await expect(hop(page, "exchange")).toHaveAttribute("data-status", "fail");
    await expect(hop(page, "exchange")).toContainText("AADSTS700213");
    await expect(hop(page, "exchange")).toContainText(AGENT_IDENTITY.principalId);
    await shot(page, "chain-700213");
    await expect(page.getByRole("list", { name: "Hops of the latest run" })).toBeVisible();
    await expect(page.getByText("Recent runs")).toBeVisible();
  });
});
