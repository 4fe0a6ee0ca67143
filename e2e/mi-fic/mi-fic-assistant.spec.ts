// The MI + FIC assistant end to end: a Litware connector created through /connectors/new, the
// values checked as Entra would, the generated credential and scripts, saving, the chain test
// going green, a draft for someone else, creating the FIC through Graph, and a reader's view.
import { pickerTileId } from "../../sandbox/entra/pages";
import { AGENT_IDENTITY, CONNECTOR_APP, TENANT, USER } from "../../sandbox/world/default/ids";
import { expect, test } from "../fixtures";
import { createMiFicConnector, freshStart, hop, panelShot, runChainTest, shot } from "./connectors";

test.describe("Managed identity + FIC assistant", () => {
  test.beforeEach(async ({ playwright, baseURL, adminState }) => freshStart(playwright, baseURL, adminState));

  test("Litware through /connectors/new: generated values, Entra's checks, save, three green hops", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto("/connectors/new");
    const organization = page.getByLabel("Organization", { exact: true });
    await organization.fill("-litware");
    await expect(page.getByText("The organization name may contain only letters, digits and hyphens")).toBeVisible();
    await organization.fill("litware");
    await expect(page.getByText(/The agent will use https:\/\/.*\/litware/)).toBeVisible();
    await expect(page.getByRole("radio", { name: /Managed identity \+ FIC/ })).toBeChecked();
    await shot(page, "1-new-connector");
    await page.getByRole("button", { name: "Create connector" }).click();
    await page.waitForURL(/\/connectors\/[^/]+$/);

    // Prefilled from the portal's agent settings.
    await expect(page.getByLabel("Agent tenant id")).toHaveValue(TENANT.contoso);
    await expect(page.getByLabel("Managed identity client id")).toHaveValue(AGENT_IDENTITY.clientId);
    await expect(page.getByLabel("Managed identity principal (object) id")).toHaveValue(AGENT_IDENTITY.principalId);
    await page.getByLabel("Multi-tenant app client id").fill(CONNECTOR_APP.appId);
    await page.getByLabel("Target tenant id").fill(TENANT.litware);

    // Entra's rules as the operator types.
    const principal = page.getByLabel("Managed identity principal (object) id");
    await principal.fill(AGENT_IDENTITY.clientId);
    await expect(page.getByText("You entered the client id twice; the subject must be the Object (principal) ID")).toBeVisible();
    await principal.fill(AGENT_IDENTITY.principalId);
    await page.getByText("System-assigned identity", { exact: true }).click();
    await expect(page.getByText("Only user-assigned managed identities can be used as a federated credential for apps")).toBeVisible();
    await shot(page, "2-system-assigned-rejected");
    await page.getByText("User-assigned identity", { exact: true }).click();

    // The generated credential, with the operator's values.
    await expect(page.getByText(`${TENANT.contoso}/v2.0`, { exact: false }).first()).toBeVisible();
    await expect(page.getByRole("code").filter({ hasText: /^a9e00000-0000-4000-8000-0000000000c2$/ })).toBeVisible();
    await expect(page.getByText("api://AzureADTokenExchange", { exact: true })).toBeVisible();
    await expect(page.getByText(`https://login.microsoftonline.com/${TENANT.contoso}/v2.0`, { exact: true })).toBeVisible();
    await expect(page.getByRole("tabpanel")).toContainText(`--id ${CONNECTOR_APP.appId}`);
    await page.getByRole("tab", { name: "Bicep" }).click();
    await expect(page.getByRole("tabpanel")).toContainText("extension microsoftGraphV1");
    await page.getByRole("tab", { name: "Graph request" }).click();
    await expect(page.getByRole("tabpanel")).toContainText(`/v1.0/applications(appId='${CONNECTOR_APP.appId}')/federatedIdentityCredentials`);
    await expect(page.getByText(`/${TENANT.litware}/adminconsent?client_id=${CONNECTOR_APP.appId}`)).toBeVisible();
    await expect(page.getByText("Add the app to the organization with Basic access").first()).toBeVisible();
    await page.getByRole("button", { name: "Copy subject" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Copied subject" })).toBeAttached();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(AGENT_IDENTITY.principalId);
    await shot(page, "3-assistant");
    await panelShot(page, "Managed identity + federated credential", ".screenshots/mi-fic/assistant-card.png");

    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText("Saved. Run the chain test to prove every hop.")).toBeVisible();
    await runChainTest(page);
    for (const key of ["mi-token", "exchange", "ado-call"]) await expect(hop(page, key)).toHaveAttribute("data-status", "pass");
    await expect(hop(page, "mi-token")).toContainText(`Subject: ${AGENT_IDENTITY.principalId}`);
    await expect(page.getByText(/^All hops passed in /)).toBeVisible();
    await shot(page, "4-chain-green");
    await panelShot(page, "Chain test", ".screenshots/mi-fic/chain-green-panel.png");
  });

  test("without the rights, a draft names what is missing and who must do it", async ({ page, api }) => {
    const id = await createMiFicConnector(api, "litware", CONNECTOR_APP.appId, TENANT.litware);
    await page.goto(`/connectors/${id}`);
    await page.getByRole("button", { name: "Save as a draft for an administrator" }).click();
    await expect(page.getByText("Draft saved. These steps are left for others:")).toBeVisible();
    await expect(page.getByText(`an owner of app ${CONNECTOR_APP.appId} in tenant ${TENANT.contoso}`).first()).toBeVisible();
    await expect(page.getByText("Send them the az script").first()).toBeVisible();
    await shot(page, "5-draft");
    const connector = (await (await api.get(`/api/connectors/${id}`)).json()) as { status: string };
    expect(connector.status).toBe("draft");
  });

  test("an admin creates the FIC through Graph with their own account in a popup", async ({ page, api }) => {
    const id = await createMiFicConnector(api, "litware", CONNECTOR_APP.appId, TENANT.litware);
    await page.goto(`/connectors/${id}`);
    await page.getByLabel("Credential name").fill("tenantbridge-litware-e2e");
    const popupPromise = page.waitForEvent("popup");
    await page.getByRole("button", { name: "Create with my account" }).click();
    const popup = await popupPromise;
    await popup.locator(`#${pickerTileId(USER.contosoAdmin.upn)}`).click();
    await expect(page.getByText("Federated credential created")).toBeVisible({ timeout: 20_000 });
    await shot(page, "6-created-through-graph");
    // The same values again: Graph reports the name taken, the portal sees it is the same credential.
    const again = page.waitForEvent("popup");
    await page.getByRole("button", { name: "Create with my account" }).click();
    await (await again).locator(`#${pickerTileId(USER.contosoAdmin.upn)}`).click();
    await expect(page.getByText("The federated credential already exists")).toBeVisible({ timeout: 20_000 });
  });
});

test.describe("Managed identity + FIC assistant for a reader", () => {
  test.use({ role: "reader" });
  test.beforeEach(async ({ playwright, baseURL, adminState }) => freshStart(playwright, baseURL, adminState));

  test("a reader sees the assistant and the chain test without any change button", async ({ page, playwright, baseURL, adminState }) => {
    const adminApi = await playwright.request.newContext({ baseURL, storageState: adminState });
    const id = await createMiFicConnector(adminApi, "litware", CONNECTOR_APP.appId, TENANT.litware);
    await adminApi.dispose();
    await page.goto(`/connectors/${id}`);
    await expect(page.getByText("You have the reader role")).toBeVisible();
    await expect(page.getByLabel("Multi-tenant app client id")).toHaveValue(CONNECTOR_APP.appId);
    await expect(page.getByLabel("Multi-tenant app client id")).toHaveAttribute("readonly", "");
    await expect(page.getByText(`/${TENANT.litware}/adminconsent?client_id=${CONNECTOR_APP.appId}`)).toBeVisible();
    for (const name of ["Save settings", "Create with my account", "Save as a draft for an administrator", "Run chain test", "Delete this connector…"]) {
      await expect(page.getByRole("button", { name })).toHaveCount(0);
    }
    await shot(page, "7-reader");
    await page.goto("/connectors/new");
    await expect(page.getByRole("heading", { name: "You need the administrator role" })).toBeVisible();
    await shot(page, "8-reader-new");
  });
});
