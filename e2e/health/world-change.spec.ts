// A healthy Litware connector breaks when the world changes — here the app's
// federated credential gets the wrong subject — the dashboard shows the failing hop with cause
// and fix, the webhook receives a signed event (verified as Standard Webhooks; an altered copy is
// refused), and after the repair a recovery event follows.
import type { Page } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { AGENT_IDENTITY, CONNECTOR_APP, TENANT } from "../../sandbox/world/default/ids";
import { resetSandbox } from "../oauth/sandbox-admin";
import { deleteAllConnectors, expect, test } from "../fixtures";
import { E2E_WEBHOOK_SECRET, type ReceivedWebhook } from "../webhook-receiver";

const row = (page: Page, id: string) => page.locator(`li[data-connector="${id}"]`);

/**
 * Runs Check now and waits for the dashboard's refresh to show the connector in `state`. The
 * button's own "Checked: …" line is not waited for: the refresh that follows it re-renders the
 * row, and a row that turned healthy is shown collapsed, so the line can vanish between polls.
 */
async function checkNow(page: Page, id: string, state: "healthy" | "failing") {
  await page.goto("/health");
  const connector = row(page, id);
  const before = await connector.getAttribute("data-status");
  expect(before).not.toBe(state);
  const button = connector.getByRole("button", { name: /Check now/ });
  if (!(await button.isVisible())) await connector.locator("summary").click();
  await button.click();
  await expect(connector).toHaveAttribute("data-status", state, { timeout: 50_000 });
}

async function webhookEvent(type: string, connectorId: string): Promise<ReceivedWebhook> {
  const url = process.env.TB_E2E_WEBHOOK_RECEIVED_URL!;
  let found: ReceivedWebhook | undefined;
  await expect
    .poll(
      async () => {
        const received = (await (await fetch(url)).json()) as ReceivedWebhook[];
        found = received.find((hook) => hook.headers["x-tenantbridge-event"] === type && hook.body.includes(connectorId));
        return found !== undefined;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  return found!;
}

async function expectSigned(hook: ReceivedWebhook) {
  expect(hook.rejection).toBeNull();
  expect(hook.headers["webhook-id"]).toBe((JSON.parse(hook.body) as { id: string }).id);
  expect(() => new Webhook(E2E_WEBHOOK_SECRET).verify(hook.body, hook.headers)).not.toThrow();
  // The receiver refuses the same delivery with its body or its id altered.
  const signed = Object.fromEntries(Object.entries(hook.headers).filter(([name]) => name.startsWith("webhook-")));
  const verify = (headers: Record<string, string>, body: string) =>
    fetch(process.env.TB_E2E_WEBHOOK_VERIFY_URL!, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  expect((await verify(signed, hook.body)).status).toBe(204);
  expect((await verify(signed, hook.body.replace(/"to":"[a-z_]+"/, '"to":"degraded"'))).status).toBe(401);
  expect((await verify({ ...signed, "webhook-id": "evt_forged" }, hook.body)).status).toBe(401);
}

async function sandboxWorld(method: "GET" | "PUT", world?: unknown) {
  const response = await fetch(`${process.env.TB_E2E_SANDBOX_ORIGIN}/_sandbox/world`, {
    method,
    headers: world === undefined ? {} : { "content-type": "application/json" },
    body: world === undefined ? undefined : JSON.stringify(world),
  });
  expect(response.ok).toBe(true);
  return method === "GET" ? ((await response.json()) as { applications: { appId: string; federatedIdentityCredentials: { subject: string }[] }[] }) : null;
}

test.describe("when the world changes", () => {
  test.beforeEach(async ({ api }) => {
    await resetSandbox();
    await deleteAllConnectors(api);
  });

  test("a FIC subject edited in the agent tenant turns Litware failing with AADSTS700213, alerts, and recovers", async ({ page, api }) => {
    const created = await api.post("/api/connectors", {
      data: {
        kind: "ado",
        organization: "litware",
        authMethod: "mi_fic",
        agentTenantId: TENANT.contoso,
        miClientId: AGENT_IDENTITY.clientId,
        miPrincipalId: AGENT_IDENTITY.principalId,
        appClientId: CONNECTOR_APP.appId,
        targetTenantId: TENANT.litware,
      },
    });
    expect(created.status()).toBe(201);
    const id = ((await created.json()) as { id: string }).id;
    // Proved before used: the save ran the chain test, which passed.
    await page.goto("/health");
    await expect(row(page, id)).toHaveAttribute("data-status", "healthy");

    const world = (await sandboxWorld("GET"))!;
    const app = world.applications.find((candidate) => candidate.appId === CONNECTOR_APP.appId)!;
    app.federatedIdentityCredentials[0]!.subject = "00000000-0000-4000-8000-00000000dead";
    await sandboxWorld("PUT", world);

    await checkNow(page, id, "failing");
    const connector = row(page, id);
    await expect(connector).toHaveAttribute("data-status", "failing");
    const failingHop = connector.locator('[data-hop="exchange"][data-status="fail"]');
    await expect(failingHop).toContainText("AADSTS700213");
    await expect(failingHop).toContainText(AGENT_IDENTITY.principalId);
    await expect(failingHop.getByText("Fix:")).toBeVisible();

    const failing = await webhookEvent("connector.failing", id);
    await expectSigned(failing);
    expect(JSON.parse(failing.body)).toMatchObject({ type: "connector.failing", to: "failing", check: { key: "exchange", code: "AADSTS700213" } });

    await resetSandbox();
    await checkNow(page, id, "healthy");
    const recovered = await webhookEvent("connector.recovered", id);
    await expectSigned(recovered);
    expect(JSON.parse(recovered.body)).toMatchObject({ type: "connector.recovered", from: "failing", to: "healthy" });
  });
});
