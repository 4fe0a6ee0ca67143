// What the operator sees of the portal's looks: times in their own time zone with UTC on hover,
// the Kusto grant command with a copy button that puts the exact command on the clipboard, and
// deleting a connector behind a modal confirmation that Escape dismisses.
import { ADO_PATS } from "../../sandbox/world/default/ado";
import { AGENT_IDENTITY, CONNECTOR_APP, TENANT } from "../../sandbox/world/default/ids";
import { deleteAllConnectors, expect, expectAccessible, test } from "../fixtures";
import { freshStart, hop, runChainTest } from "../mi-fic/connectors";

async function createPatConnector(api: import("@playwright/test").APIRequestContext): Promise<string> {
  const created = await api.post("/api/connectors", { data: { kind: "ado", organization: "litware", authMethod: "pat" } });
  expect(created.status()).toBe(201);
  const { id, version } = (await created.json()) as { id: string; version: number };
  expect((await api.put(`/api/connectors/${id}/pat`, { data: { pat: ADO_PATS.devCodeAndWork, version } })).status()).toBe(200);
  return id;
}

/** "…, 14:05 UTC" → 845. */
function minutesOfDay(text: string, zone: string): number {
  const match = new RegExp(`(\\d{2}):(\\d{2}) ${zone}`).exec(text);
  expect(match, `a time in ${zone} in "${text}"`).not.toBeNull();
  return Number(match![1]) * 60 + Number(match![2]);
}

test.describe("times", () => {
  test.use({ timezoneId: "Asia/Kolkata" });
  test.beforeEach(async ({ api }) => deleteAllConnectors(api));

  test("the audit log shows when in the operator's time zone, with UTC on hover", async ({ page, api }) => {
    await createPatConnector(api);
    await page.goto("/audit");
    const absolute = page.getByRole("table").locator("time").nth(1);
    // India is UTC+5:30: the time shown names that zone, the hover names UTC.
    await expect(absolute).toHaveText(/\d{1,2} \w{3} \d{4}, \d{2}:\d{2} (IST|GMT\+5:30)$/);
    await expect(absolute).toHaveAttribute("title", /, \d{2}:\d{2} UTC$/);
    const shownMinutes = minutesOfDay((await absolute.textContent()) ?? "", "(IST|GMT)");
    const utcMinutes = minutesOfDay((await absolute.getAttribute("title")) ?? "", "UTC");
    expect((shownMinutes - utcMinutes + 24 * 60) % (24 * 60)).toBe(5 * 60 + 30);
  });
});

test.describe("copy buttons", () => {
  test.beforeEach(async ({ playwright, baseURL, adminState }) => freshStart(playwright, baseURL, adminState));

  test("the Kusto grant command of a failed check is copied exactly, and the copy is announced", async ({ page, api, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const created = await api.post("/api/connectors", {
      data: {
        kind: "kusto",
        clusterUrl: `${process.env.TB_E2E_SANDBOX_ORIGIN}/kusto/litware`,
        database: "Billing",
        authMethod: "mi_fic",
        agentTenantId: TENANT.contoso,
        miClientId: AGENT_IDENTITY.clientId,
        miPrincipalId: AGENT_IDENTITY.principalId,
        appClientId: CONNECTOR_APP.appId,
        targetTenantId: TENANT.litware,
      },
    });
    expect(created.status()).toBe(201);
    await page.goto(`/connectors/${((await created.json()) as { id: string }).id}`);
    await runChainTest(page);
    const call = hop(page, "kusto-call");
    await expect(call).toHaveAttribute("data-status", "fail");
    await call.getByRole("button", { name: "Copy Kusto command" }).click();
    await expect(call.getByRole("status").filter({ hasText: "Copied" })).toHaveText("Copied Kusto command");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`.add database Billing viewers ('aadapp=${CONNECTOR_APP.appId};${TENANT.litware}')`);
  });
});

test.describe("deleting a connector", () => {
  test.beforeEach(async ({ api }) => deleteAllConnectors(api));

  test("asks in a modal dialog; Escape keeps the connector, confirming deletes it", async ({ page, api }) => {
    const id = await createPatConnector(api);
    await page.goto(`/connectors/${id}`);
    await page.getByRole("button", { name: "Delete this connector…" }).click();
    const dialog = page.getByRole("alertdialog", { name: /^Delete “.+”\?$/ });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("button", { name: "Keep it" })).toBeFocused();
    await expectAccessible(page);
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    expect((await api.get(`/api/connectors/${id}`)).status()).toBe(200);

    await page.getByRole("button", { name: "Delete this connector…" }).click();
    await dialog.getByRole("button", { name: "Delete connector" }).click();
    await page.waitForURL(/\/connectors$/);
    expect((await api.get(`/api/connectors/${id}`)).status()).toBe(404);
  });
});
