// The Tenants view: one identity, many tenants. Fabrikam shows as unconsented (the exchange there
// answers AADSTS700016), its admin consents in a popup, and "Check all tenants" then shows it
// consented with the app's service principal.
import { pickerTileId } from "../../sandbox/entra/pages";
import { CONNECTOR_APP, TENANT, USER } from "../../sandbox/world/default/ids";
import { expect, expectAccessible, test } from "../fixtures";
import { createMiFicConnector, freshStart } from "../mi-fic/connectors";

test.describe("Tenants view", () => {
  test.beforeEach(async ({ playwright, baseURL, adminState }) => freshStart(playwright, baseURL, adminState));

  test("shows Fabrikam unconsented, then consented after the admin consent popup and a check of all tenants", async ({ page, api }) => {
    await createMiFicConnector(api, "litware", CONNECTOR_APP.appId, TENANT.litware);
    await createMiFicConnector(api, "fabrikam", CONNECTOR_APP.appId, TENANT.fabrikam);
    await page.goto("/connectors");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Tenants" }).click();
    await expect(page.getByRole("heading", { name: "Tenants", level: 1 })).toBeVisible();

    const row = (tenantId: string) => page.locator(`tr[data-tenant="${tenantId}"]`);
    // Saving each connector proved it: Litware's exchange passed, Fabrikam's answered AADSTS700016.
    await expect(row(TENANT.litware)).toHaveAttribute("data-consent", "consented");
    await expect(row(TENANT.fabrikam)).toHaveAttribute("data-consent", "not_consented");
    await expect(row(TENANT.fabrikam)).toContainText("Not consented");
    await expect(row(TENANT.fabrikam)).toContainText("AADSTS700016");
    await expect(row(TENANT.fabrikam).getByRole("link", { name: "fabrikam" })).toBeVisible();
    await expectAccessible(page);
    await page.screenshot({ path: ".screenshots/azres/tenants-unconsented.png", fullPage: true });

    const popupPromise = page.waitForEvent("popup");
    await row(TENANT.fabrikam)
      .getByRole("link", { name: /admin consent link/ })
      .click();
    const popup = await popupPromise;
    await popup.locator(`#${pickerTileId(USER.fabrikamAdmin.upn)}`).click();
    await popup.waitForLoadState();
    await popup.close();

    await page.getByRole("button", { name: "Check all tenants" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Checked 2 tenants: the exchange passed in 2." })).toBeVisible({ timeout: 30_000 });
    await expect(row(TENANT.fabrikam)).toHaveAttribute("data-consent", "consented");
    await expect(row(TENANT.fabrikam)).toContainText("check all tenants");
    await expectAccessible(page);
    await page.screenshot({ path: ".screenshots/azres/tenants-consented.png", fullPage: true });
  });
});
