// PAT through the UI: saved once, validated against the organization, and never returned: not
// in the page, not in any network response, not after a reload.
import type { APIRequestContext, Page, Response } from "@playwright/test";
import { ADO_PATS } from "../../sandbox/world/default/ado";
import { USER } from "../../sandbox/world/default/ids";
import { deleteAllConnectors, expect, test } from "../fixtures";
import { resetSandbox } from "../oauth/sandbox-admin";

const shot = (page: Page, name: string) => page.screenshot({ path: `.screenshots/pat/${name}.png`, fullPage: true });

async function createConnector(api: APIRequestContext): Promise<string> {
  const response = await api.post("/api/connectors", { data: { kind: "ado", organization: "litware", authMethod: "pat" } });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/** Every response body the page receives, to search for the canary. */
function recordResponses(page: Page): string[] {
  const bodies: string[] = [];
  page.on("response", (response: Response) => {
    void response
      .text()
      .then((text) => bodies.push(`${response.url()}\n${text}`))
      .catch(() => undefined);
  });
  return bodies;
}

test.describe("PAT for a connector", () => {
  test.beforeEach(async ({ playwright, baseURL, adminState }) => {
    await resetSandbox();
    // As an admin whatever the spec's role: readers cannot delete.
    const adminApi = await playwright.request.newContext({ baseURL, storageState: adminState });
    await deleteAllConnectors(adminApi);
    await adminApi.dispose();
  });

  test("a PAT is validated, saved and never shown again, in the page or any response", async ({ page, api }) => {
    const canary = ADO_PATS.devCodeAndWork;
    const id = await createConnector(api);
    const bodies = recordResponses(page);
    await page.goto(`/connectors/${id}`);
    await expect(page.getByText("Not configured")).toBeVisible();
    const input = page.getByLabel("Personal access token");
    await expect(input).toHaveAttribute("type", "password");
    await expect(input).toHaveAttribute("autocomplete", "off");
    await shot(page, "1-empty");

    await input.fill(canary);
    await page.getByRole("button", { name: "Validate and save" }).click();
    await expect(page.getByText(`The PAT authenticates as ${USER.litwareDev.upn}`)).toBeVisible();
    await expect(page.getByTestId("pat-status")).toContainText(`••••${canary.slice(-4)}`);
    await expect(page.getByLabel("Personal access token")).toHaveCount(0);
    await shot(page, "2-saved");

    await page.reload();
    await expect(page.getByTestId("pat-status")).toBeVisible();
    await page.waitForLoadState("networkidle");
    expect(await page.content()).not.toContain(canary);
    const html = await (await api.get(`/connectors/${id}`)).text();
    expect(html).toContain(canary.slice(-4));
    expect(html).not.toContain(canary);
    expect(await (await api.get(`/api/connectors/${id}`)).text()).not.toContain(canary);
    expect(await (await api.get("/audit")).text()).not.toContain(canary);
    expect(bodies.length).toBeGreaterThan(3);
    for (const body of bodies) expect(body).not.toContain(canary);
  });

  test("an expired PAT is refused with the cause and the fix, and nothing is stored", async ({ page, api }) => {
    const id = await createConnector(api);
    const bodies = recordResponses(page);
    await page.goto(`/connectors/${id}`);
    await page.getByLabel("Personal access token").fill(ADO_PATS.devExpired);
    await page.getByRole("button", { name: "Validate and save" }).click();
    await expect(page.getByText(/refused this PAT for organization 'litware'.*Code \(Read\) scope/)).toBeVisible();
    await expect(page.getByLabel("Personal access token")).toHaveAttribute("aria-invalid", "true");
    await shot(page, "3-refused");
    for (const body of bodies) expect(body).not.toContain(ADO_PATS.devExpired);
    const connector = (await (await api.get(`/api/connectors/${id}`)).json()) as { pat: { configured: boolean } };
    expect(connector.pat.configured).toBe(false);
  });

  test("an expiry within 14 days is flagged; Replace and Remove work", async ({ page, api }) => {
    const id = await createConnector(api);
    await page.goto(`/connectors/${id}`);
    const soon = new Date(Date.now() + 5 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    await page.getByLabel("Personal access token").fill(ADO_PATS.devCodeOnly);
    await page.getByLabel(/Expires on/).fill(soon);
    await page.getByRole("button", { name: "Validate and save" }).click();
    await expect(page.getByText(/This PAT expires in \d days/)).toBeVisible();
    await shot(page, "4-expiring-soon");

    await page.getByRole("button", { name: "Replace" }).click();
    await page.getByLabel("Personal access token").fill(ADO_PATS.devCodeAndWork);
    await page.getByRole("button", { name: "Validate and save" }).click();
    await expect(page.getByTestId("pat-status")).toContainText(`••••${ADO_PATS.devCodeAndWork.slice(-4)}`);
    await expect(page.getByText("No expiry date recorded")).toBeVisible();

    await page.getByRole("button", { name: "Remove" }).click();
    await page.getByRole("button", { name: "Remove" }).click();
    await expect(page.getByText("Not configured")).toBeVisible();
    await expect(page.getByLabel("Personal access token")).toBeVisible();
  });

  test.describe("as a reader", () => {
    test.use({ role: "reader" });
    test("sees the PAT status but no form, and the server refuses a save", async ({ page, api, playwright, baseURL, adminState }) => {
      const adminApi = await playwright.request.newContext({ baseURL, storageState: adminState });
      const id = await createConnector(adminApi);
      const connector = (await (await adminApi.get(`/api/connectors/${id}`)).json()) as { version: number };
      await adminApi.dispose();
      await page.goto(`/connectors/${id}`);
      await expect(page.getByText("Only TenantBridge administrators can save, replace or remove a PAT.")).toBeVisible();
      await expect(page.getByLabel("Personal access token")).toHaveCount(0);
      expect((await api.put(`/api/connectors/${id}/pat`, { data: { pat: ADO_PATS.devCodeAndWork, version: connector.version } })).status()).toBe(403);
    });
  });
});
