// An Azure resource connector for Litware's ARM, created through the new-connector form: the
// seed 002 world (Reader assigned to the connector's service principal in Contoso, not Litware)
// is decoded with the object id to assign instead; once Litware's admin moves the role, the
// chain test passes.
import { ARM_IDS } from "../../sandbox/world/default/arm";
import { CONNECTOR_APP, SUBSCRIPTION, TENANT } from "../../sandbox/world/default/ids";
import type { World } from "../../sandbox/world/schema";
import { expect, expectAccessible, test } from "../fixtures";
import { freshStart, hop, runChainTest } from "../mi-fic/connectors";

const shot = (page: import("@playwright/test").Page, name: string) => page.screenshot({ path: `.screenshots/azres/${name}.png`, fullPage: true });

async function moveReaderToLitwareServicePrincipal(): Promise<void> {
  const origin = process.env.TB_E2E_SANDBOX_ORIGIN;
  const world = (await (await fetch(`${origin}/_sandbox/world`)).json()) as World;
  const subscription = world.arm.subscriptions.find((candidate) => candidate.subscriptionId === SUBSCRIPTION.litware)!;
  subscription.roleAssignments.find((assignment) => assignment.name === ARM_IDS.connectorHomeSpReader)!.principalId = CONNECTOR_APP.spLitware;
  const response = await fetch(`${origin}/_sandbox/world`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(world) });
  expect(response.status).toBe(200);
}

test.describe("Azure resource connector", () => {
  test.beforeEach(async ({ playwright, baseURL, adminState }) => freshStart(playwright, baseURL, adminState));

  test("Litware's ARM: the foreign object id is decoded with its fix, then the chain passes after the role is moved", async ({ page }) => {
    await page.goto("/connectors/new?kind=azure");
    await expect(page.getByRole("heading", { name: "Connect an Azure resource" })).toBeVisible();
    await expect(page.getByRole("radio", { name: /Azure resource/ })).toBeChecked();
    await expect(page.getByRole("radio", { name: /Azure Resource Manager/ })).toBeChecked();
    await page.getByLabel("Subscription ID").fill("not-a-guid");
    await expect(page.getByText("The subscription id must be a subscription ID (a GUID).")).toBeVisible();
    await page.getByLabel("Subscription ID").fill(SUBSCRIPTION.litware);
    await expectAccessible(page);
    await shot(page, "new-azure-connector");
    await page.getByRole("button", { name: "Create connector" }).click();
    await page.waitForURL(/\/connectors\/[^/]+$/);

    // Without the app and the target tenant it is a draft that says so.
    await expect(page.getByTestId("draft-missing")).toContainText("Missing the multi-tenant app's client id, the target tenant id");
    await page.getByLabel("Multi-tenant app client id").fill(CONNECTOR_APP.appId);
    await page.getByLabel("Target tenant id").fill(TENANT.litware);
    await expect(page.getByText("Reader for the app's service principal in the target tenant").first()).toBeVisible();
    await page.getByRole("button", { name: "Save settings" }).click();
    // Saving proves the setup: ARM refuses, so it stays a draft naming the object id to assign.
    await expect(page.getByTestId("draft-missing")).toContainText(`--assignee-object-id ${CONNECTOR_APP.spLitware}`, { timeout: 30_000 });

    await runChainTest(page);
    await expect(hop(page, "exchange")).toHaveAttribute("data-status", "pass");
    await expect(hop(page, "azure-call")).toHaveAttribute("data-status", "fail");
    await expect(hop(page, "azure-call")).toContainText("AuthorizationFailed");
    await expect(hop(page, "azure-call")).toContainText("No role for this identity in the target tenant");
    await expect(hop(page, "azure-call")).toContainText(`object id ${CONNECTOR_APP.spLitware}`);
    await expectAccessible(page);
    await shot(page, "arm-authorization-failed");

    await moveReaderToLitwareServicePrincipal();
    await page.getByRole("button", { name: "Run again" }).click();
    await expect(hop(page, "azure-call")).toHaveAttribute("data-status", "pass", { timeout: 50_000 });
    await expect(hop(page, "azure-call")).toContainText("Resource groups it can read: 3");
    await page.reload();
    await expect(page.getByTestId("draft-missing")).toHaveCount(0);
    await shot(page, "arm-passing");
  });
});
