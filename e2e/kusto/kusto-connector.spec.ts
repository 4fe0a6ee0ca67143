// Kusto connectors for Litware through the UI: one that passes, showing the role
// it found; one without the viewer role, whose fix is the exact grant command.
import { AGENT_IDENTITY, CONNECTOR_APP, TENANT } from "../../sandbox/world/default/ids";
import { expect, test } from "../fixtures";
import { freshStart, hop, runChainTest } from "../mi-fic/connectors";

async function createKusto(api: import("@playwright/test").APIRequestContext, database: string): Promise<string> {
  const response = await api.post("/api/connectors", {
    data: {
      kind: "kusto",
      clusterUrl: `${process.env.TB_E2E_SANDBOX_ORIGIN}/kusto/litware`,
      database,
      authMethod: "mi_fic",
      agentTenantId: TENANT.contoso,
      miClientId: AGENT_IDENTITY.clientId,
      miPrincipalId: AGENT_IDENTITY.principalId,
      appClientId: CONNECTOR_APP.appId,
      targetTenantId: TENANT.litware,
    },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

test.describe("Kusto connector", () => {
  test.beforeEach(async ({ playwright, baseURL, adminState }) => freshStart(playwright, baseURL, adminState));

  test("Litware's Telemetry database passes every hop and shows the role found", async ({ page, api }) => {
    const id = await createKusto(api, "Telemetry");
    await page.goto(`/connectors/${id}`);
    await runChainTest(page);
    await expect(hop(page, "mi-token")).toHaveAttribute("data-status", "pass");
    await expect(hop(page, "exchange")).toHaveAttribute("data-status", "pass");
    await expect(hop(page, "kusto-call")).toHaveAttribute("data-status", "pass");
    await expect(hop(page, "kusto-call")).toContainText(/Viewer/);
  });

  test("Litware's Billing database fails on the viewer role with the exact grant command", async ({ page, api }) => {
    const id = await createKusto(api, "Billing");
    await page.goto(`/connectors/${id}`);
    await runChainTest(page);
    await expect(hop(page, "exchange")).toHaveAttribute("data-status", "pass");
    const call = hop(page, "kusto-call");
    await expect(call).toHaveAttribute("data-status", "fail");
    await expect(call).toContainText(`.add database Billing viewers ('aadapp=${CONNECTOR_APP.appId};${TENANT.litware}')`);
  });
});
