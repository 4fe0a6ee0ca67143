// Rough edges of the connector journeys: the agent's app set once in Settings and prefilled by
// the MI + FIC assistant with the target tenant the portal learned; a credential the app already
// has for the identity reused instead of a second script; Fabrikam's story finished in the demo
// with the sandbox acting as its admin; and what an OAuth account can do, said once after sign-in.
import type { APIRequestContext, Page } from "@playwright/test";
import { pickerTileId } from "../../sandbox/entra/pages";
import { AGENT_IDENTITY, CONNECTOR_APP, TENANT, USER } from "../../sandbox/world/default/ids";
import { openBeforeHydration } from "../before-hydration";
import { expect, test } from "../fixtures";
import { createMiFicConnector, freshStart, hop, runChainTest } from "../mi-fic/connectors";

const shot = (page: Page, name: string) => page.screenshot({ path: `.screenshots/rough-edges/${name}.png`, fullPage: true });

async function clearAgentApp(api: APIRequestContext) {
  expect((await api.delete("/api/settings/agent-app")).status()).toBe(200);
}

async function create(api: APIRequestContext, data: object): Promise<string> {
  const response = await api.post("/api/connectors", { data });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

test.describe("Rough edges", () => {
  // The setting is cleared before each test, and only the first sets it: later specs start without it.
  test.beforeEach(async ({ playwright, baseURL, adminState, api }) => {
    await freshStart(playwright, baseURL, adminState);
    await clearAgentApp(api);
  });
  test("an admin sets the agent's app once in Settings; a new Fabrikam assistant starts with it and Fabrikam's tenant", async ({ page, api }) => {
    await page.goto("/settings");
    await expect(page.getByTestId("agent-app-state")).toContainText("Not set");
    await page.getByRole("button", { name: "Set agent app" }).click();
    // The form opens on its first field.
    await expect(field(page, "Agent app client id")).toBeFocused();
    await page.keyboard.type(CONNECTOR_APP.appId);
    await page.getByRole("button", { name: "Save agent app" }).click();
    await expect(page.getByText("Saved. New assistants start with this app.")).toBeVisible();
    await expect(page.getByTestId("agent-app-state")).toContainText("Set by");
    await expect(page.getByRole("definition").filter({ hasText: CONNECTOR_APP.appId })).toBeVisible();
    await expect(page.getByRole("button", { name: "Edit agent app" })).toBeFocused();
    await shot(page, "1-settings-agent-app");
    // The line goes with the next edit; Cancel changes nothing.
    await page.getByRole("button", { name: "Edit agent app" }).click();
    await expect(page.getByText("Saved. New assistants start with this app.")).toHaveCount(0);
    await expect(field(page, "Agent app client id")).toHaveValue(CONNECTOR_APP.appId);
    await field(page, "Agent tenant id (optional)").fill(TENANT.contoso);
    await page.getByRole("button", { name: "Cancel" }).click();
    await expect(field(page, "Agent tenant id (optional)")).toHaveCount(0);
    const audit = await (await api.get("/api/audit?action=settings.agent_app_set")).text();
    expect(audit).toContain(CONNECTOR_APP.appId);

    // A Fabrikam connector created without an app or a tenant: both come prefilled, each with its source.
    const id = await create(api, { kind: "ado", organization: "fabrikam", authMethod: "mi_fic" });
    await page.goto(`/connectors/${id}`);
    await expect(field(page, "Multi-tenant app client id")).toHaveValue(CONNECTOR_APP.appId);
    await expect(page.getByText("Set in Settings → Agent app.")).toBeVisible();
    await expect(field(page, "Target tenant id")).toHaveValue(TENANT.fabrikam);
    await expect(field(page, "Managed identity principal (object) id")).toHaveValue(AGENT_IDENTITY.principalId);
    await shot(page, "2-assistant-prefilled");
  });

  test("a Kusto connector starts with the tenant its cluster names", async ({ page, api }) => {
    const origin = process.env.TB_E2E_SANDBOX_ORIGIN!;
    const id = await create(api, { kind: "kusto", clusterUrl: `${origin}/kusto/litware`, database: "Telemetry", authMethod: "mi_fic" });
    await page.goto(`/connectors/${id}`);
    await expect(field(page, "Target tenant id")).toHaveValue(TENANT.litware);
    await expect(page.getByText("The cluster names it when asked without a token (WWW-Authenticate).")).toBeVisible();
  });

  test("a second connector with the same app and identity reuses the credential instead of a second az script", async ({ page, api }) => {
    await createMiFicConnector(api, "litware", CONNECTOR_APP.appId, TENANT.litware);
    const fabrikam = await createMiFicConnector(api, "fabrikam", CONNECTOR_APP.appId, TENANT.fabrikam);
    await page.goto(`/connectors/${fabrikam}`);
    const reused = page.getByTestId("fic-reused");
    await expect(reused).toContainText("Same app and identity as a saved connector: its credential is reused.");
    await expect(reused).toContainText(`The saved connector 'litware' uses app ${CONNECTOR_APP.appId} with this identity`);
    await expect(page.getByText("az ad app federated-credential create")).toHaveCount(0);
    await shot(page, "3-fic-reused");

    // Another identity on the same app is another credential: the script is back.
    await field(page, "Managed identity principal (object) id").fill("a9e00000-0000-4000-8000-0000000000c9");
    await expect(reused).toHaveCount(0);
    await expect(page.getByText("az ad app federated-credential create").first()).toBeVisible();
    await expect(page.getByText("Updating the credential and the scripts for the new values…")).toHaveCount(0);
  });

  test("Fabrikam's demo story finishes: consent (reported), TF401444, the sandbox acts as its admin (reported), every hop passes", async ({ page, api }) => {
    const id = await createMiFicConnector(api, "fabrikam", CONNECTOR_APP.appId, TENANT.fabrikam);
    await page.goto(`/connectors/${id}`);
    await runChainTest(page);
    await expect(hop(page, "exchange")).toContainText("AADSTS700016");
    const popupPromise = page.waitForEvent("popup");
    await hop(page, "exchange")
      .getByRole("link", { name: /consent/i })
      .click();
    const popup = await popupPromise;
    await popup.locator(`#${pickerTileId(USER.fabrikamAdmin.upn)}`).click();
    await popup.waitForLoadState();
    await popup.close();

    // The operator says the consent is given: recorded, and the test runs again at once.
    await hop(page, "exchange").getByRole("button", { name: "Admin consent is given: test again" }).click();
    await expect(hop(page, "ado-call")).toHaveAttribute("data-status", "fail", { timeout: 50_000 });
    await expect(hop(page, "ado-call")).toContainText("TF401444");
    const grant = hop(page, "ado-call").getByRole("button", { name: "Sandbox: act as the fabrikam admin and grant access" });
    await expect(hop(page, "ado-call").getByText("Sandbox cloud only")).toBeVisible();
    await shot(page, "4-tf401444-sandbox-action");
    await grant.click();
    await expect(hop(page, "ado-call")).toContainText("As Fabrikam's administrator, the sandbox added the app to fabrikam");

    await hop(page, "ado-call").getByRole("button", { name: "Access is granted: test again" }).click();
    await expect(hop(page, "ado-call")).toHaveAttribute("data-status", "pass", { timeout: 50_000 });
    await expect(hop(page, "exchange")).toHaveAttribute("data-status", "pass");
    // Both reports are in the audit log, which is what makes the chain test patient with propagation.
    const audit = (await (await api.get("/api/audit?targetId=" + id)).json()) as { items: { action: string }[] };
    expect(audit.items.map((event) => event.action)).toEqual(expect.arrayContaining(["connector.consented", "sandbox.ado_access_granted", "connector.granted"]));
    await shot(page, "5-fabrikam-passes");
  });

  test("after OAuth sign-in the page says once what the account can do, with the tenant's name", async ({ page, api }) => {
    const id = await create(api, { kind: "ado", organization: "litware", authMethod: "oauth" });
    await page.goto(`/connectors/${id}`);
    const popupPromise = page.waitForEvent("popup");
    await page.getByRole("button", { name: "Sign in to Azure DevOps" }).click();
    const popup = await popupPromise;
    await popup.locator(`#${pickerTileId(USER.litwareDev.upn)}`).click();
    const callout = page.getByTestId("oauth-capabilities");
    await expect(callout).toContainText(`What ${USER.litwareDev.upn} (Litware) can do in litware`);
    await expect(callout).toContainText("Read code: payments-api, payments-web");
    await expect(callout).toContainText("Edit work items in: Payments, Payments\\Checkout, Payments\\Ledger");
    await expect(callout).not.toContainText(TENANT.litware);
    await shot(page, "6-oauth-capabilities");
    await callout.getByRole("button", { name: "Dismiss" }).click();
    await expect(callout).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId("oauth-connection")).toContainText(`Connected as ${USER.litwareDev.upn}`);
    await expect(page.getByTestId("oauth-capabilities")).toHaveCount(0);
  });

  test("an agent app client id that is not a GUID is named on its field, and nothing is set", async ({ page, api }) => {
    // On a slow connection Set waits for the page's JavaScript; the form itself loads with the click.
    const release = await openBeforeHydration(page, "/settings");
    await expect(page.getByRole("button", { name: "Set agent app" })).toBeDisabled();
    await release();
    await page.getByRole("button", { name: "Set agent app" }).click();
    await field(page, "Agent app client id").fill("not-a-guid");
    await page.getByRole("button", { name: "Save agent app" }).click();
    await expect(page.getByText("Agent app client id must be a GUID like 00000000-0000-0000-0000-000000000000.")).toBeVisible();
    await expect(field(page, "Agent app client id")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("Saved. New assistants start with this app.")).toHaveCount(0);
    const stored = (await (await api.get("/api/settings/agent-app")).json()) as { agentApp: unknown };
    expect(stored.agentApp).toBeNull();
  });
});
