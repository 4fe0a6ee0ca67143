// One status everywhere: a Litware connector tested healthy with a PAT, then switched to OAuth
// sign-in, says the same thing in the connectors list, its own header, its /health row and the
// knowledge sources list — "Not set up", because nobody has signed in — and the PAT's old chain
// result is no longer shown as the current one. The pages are checked with axe as well.
import type { APIRequestContext, Page } from "@playwright/test";
import { ADO_PATS } from "../../sandbox/world/default/ado";
import { addSourceWaitingOutLimit, deleteAllConnectors, expect, expectAccessible, test } from "../fixtures";
import { resetSandbox } from "../oauth/sandbox-admin";

const shot = (page: Page, name: string) => page.screenshot({ path: `.screenshots/status/${name}.png`, fullPage: true });

async function healthyPatConnector(api: APIRequestContext): Promise<string> {
  const created = await api.post("/api/connectors", { data: { kind: "ado", organization: "litware", authMethod: "pat" } });
  expect(created.status()).toBe(201);
  const { id, version } = (await created.json()) as { id: string; version: number };
  expect((await api.put(`/api/connectors/${id}/pat`, { data: { pat: ADO_PATS.devCodeAndWork, version } })).status()).toBe(200);
  expect((await api.post(`/api/connectors/${id}/test`)).status()).toBe(200);
  const source = await addSourceWaitingOutLimit(api, { connectorId: id, project: "Payments", repository: "payments-api", displayName: "Payments API" });
  expect(source.status()).toBe(201);
  return id;
}

/** The status badge of the connector in each place it is shown. */
async function statusEverywhere(page: Page, id: string) {
  await page.goto("/connectors");
  const listed = (
    await page
      .getByRole("row", { name: /litware/ })
      .getByTestId("connector-status")
      .innerText()
  ).trim();
  await page.goto(`/connectors/${id}`);
  const header = (await page.getByTestId("connector-header").getByTestId("connector-status").innerText()).trim();
  await page.goto("/health");
  const healthRow = page.locator(`li[data-connector="${id}"]`);
  const health = (
    await healthRow
      .locator("summary")
      .getByText(/Healthy|Not set up|Not checked yet|Degraded|Failing/)
      .first()
      .innerText()
  ).trim();
  await page.goto("/knowledge-sources");
  const sources = (await page.getByTestId("source-row").first().getByTestId("connector-status").innerText()).trim();
  return { listed, header, health, sources };
}

test.describe("One connector status everywhere", () => {
  test.setTimeout(120_000);
  test.beforeEach(async ({ playwright, baseURL, adminState }) => {
    await resetSandbox();
    const adminApi = await playwright.request.newContext({ baseURL, storageState: adminState, ignoreHTTPSErrors: true });
    await deleteAllConnectors(adminApi);
    await adminApi.dispose();
  });

  test("after switching from a healthy PAT to OAuth, the list, header, health row and sources all say Not set up, and the PAT's result is history", async ({ page, api }) => {
    const id = await healthyPatConnector(api);
    expect(await statusEverywhere(page, id)).toEqual({ listed: "Healthy", header: "Healthy", health: "Healthy", sources: "Healthy" });

    await page.goto(`/connectors/${id}`);
    await expect(page.getByRole("list", { name: "Hops of the latest run" })).toBeVisible();
    await page.getByRole("button", { name: "OAuth sign-in", exact: true }).click();
    const header = page.getByTestId("connector-header");
    await expect(header.getByTestId("connector-status")).toHaveText("Not set up");
    await expect(header.getByTestId("status-reason")).toContainText("Nobody has signed in to Azure DevOps for this connector yet.");
    await expect(page.getByText("Not signed in")).toBeVisible();
    // The PAT's hops are not the current result: no "latest run" list, the reason instead; the run stays in the history.
    await expect(page.getByRole("list", { name: "Hops of the latest run" })).toHaveCount(0);
    await expect(page.getByText(/Nobody has signed in to Azure DevOps for this connector yet\. Run the chain test/)).toBeVisible();
    await expect(page.getByRole("heading", { name: "Recent runs" })).toBeVisible();
    await shot(page, "1-connector-after-switch");
    await expectAccessible(page);

    expect(await statusEverywhere(page, id)).toEqual({ listed: "Not set up", header: "Not set up", health: "Not set up", sources: "Not set up" });

    // The health row opens onto the reason and no hops, never the PAT's green ones.
    await page.goto("/health");
    const row = page.locator(`li[data-connector="${id}"]`);
    await expect(row).toHaveAttribute("data-status", "draft");
    await row.locator("summary").click();
    await expect(row.getByTestId("status-reason")).toContainText("Nobody has signed in");
    await expect(row.getByTestId("chain-hops")).toHaveCount(0);
    await expect(row.locator("[data-hop]")).toHaveCount(0);
    await shot(page, "2-health-after-switch");
    await expectAccessible(page);

    await page.goto("/connectors");
    await expect(page.getByRole("row", { name: /litware/ })).toContainText("Nobody has signed in");
    await shot(page, "3-list-after-switch");
    await expectAccessible(page);

    // Back to the same PAT: the verdict about exactly that PAT counts again.
    await page.goto(`/connectors/${id}`);
    await page.getByRole("button", { name: "Personal access token", exact: true }).click();
    await expect(page.getByTestId("connector-header").getByTestId("connector-status")).toHaveText("Healthy");
  });
});
