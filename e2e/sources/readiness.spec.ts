// The knowledge sources list says what each source is ready for, never "all ready" over a denied
// check; an administrator edits and removes a source from the list (both audited); a reader can
// do neither. Sources are seeded through the product's API on an MI + FIC connector, whose
// identity the default world denies "Contribute to pull requests" on payments-web.
import type { APIRequestContext } from "@playwright/test";
import { CONNECTOR_APP, TENANT } from "../../sandbox/world/default/ids";
import { addSourceWaitingOutLimit, expect, test } from "../fixtures";
import { createMiFicConnector } from "../mi-fic/connectors";
import { freshStart, shot, sourceRow } from "./wizard-helpers";

const everything = { capabilities: ["read_code", "comment", "create_work_items"], areaPath: "Payments\\Checkout" };

async function seedSources(api: APIRequestContext) {
  const connectorId = await createMiFicConnector(api, "litware", CONNECTOR_APP.appId, TENANT.litware);
  const ids: Record<string, string> = {};
  for (const repository of ["payments-web", "payments-api"]) {
    const response = await addSourceWaitingOutLimit(api, { connectorId, project: "Payments", repository, displayName: repository, ...everything });
    expect(response.status()).toBe(201);
    ids[repository] = ((await response.json()) as { source: { id: string } }).source.id;
  }
  return ids;
}

async function auditActions(api: APIRequestContext, targetId: string) {
  const response = await api.get(`/api/audit?targetType=knowledge_source&targetId=${targetId}`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { items: { action: string }[] }).items.map((item) => item.action);
}

test.describe("Knowledge sources: readiness, edit, remove", () => {
  test.setTimeout(120_000);
  test.beforeEach(async ({ playwright, baseURL, adminState }) => freshStart(playwright, baseURL, adminState));

  test("a source with 'Contribute to pull requests' denied is never shown as ready for commenting", async ({ page, api }) => {
    await seedSources(api);
    await page.goto("/knowledge-sources");
    const summary = page.getByTestId("sources-summary");
    await expect(summary).toHaveText("2 repositories: 1 ready for everything it was added for, 1 ready for reading code only (see what is missing)");
    await expect(summary).not.toContainText("all ready");

    const web = sourceRow(page, "payments-web");
    await expect(web.getByTestId("source-readiness")).toHaveAttribute("data-level", "read_code");
    await expect(web).toContainText("Reading code only");
    await expect(web).toContainText("Ready for reading code only: not for comment on work items and pull requests");
    const comment = web.locator('[data-capability="comment"]');
    await expect(comment).toHaveAttribute("data-status", "fail");
    await expect(comment).toContainText("Comment on work items and pull requests: not ready");
    await comment.getByText("1 missing: how to fix").click();
    await expect(comment).toContainText("Contribute to pull requests in payments-web");
    await expect(web.locator('[data-capability="create_work_items"]')).toHaveAttribute("data-status", "pass");

    const apiRow = sourceRow(page, "payments-api");
    await expect(apiRow.getByTestId("source-readiness")).toHaveAttribute("data-level", "everything");
    await expect(apiRow).toContainText("Ready for everything it was added for");
    await shot(page, "20-readiness-list");
  });

  test("an administrator edits a source (checked again, audited) and removes one (audited)", async ({ page, api }) => {
    const ids = await seedSources(api);
    await page.goto("/knowledge-sources");
    await page.getByRole("button", { name: "Edit payments-web" }).click();
    const dialog = page.getByRole("dialog", { name: "Edit payments-web" });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel("Area path for work items")).toHaveValue("Payments\\Checkout");
    await dialog.getByLabel("Comment on work items and pull requests").uncheck();
    // A branch Git would refuse is named before anything is sent.
    await dialog.getByLabel("Branch").fill("release..2025");
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(dialog.getByText("Check the highlighted fields.")).toBeVisible();
    await expect(dialog.getByLabel("Branch")).toHaveAttribute("aria-invalid", "true");
    await expect(dialog.getByText(/^must be a Git branch name like main or release\/2025/)).toBeVisible();
    await dialog.getByLabel("Branch").fill("release/2025");
    await shot(page, "21-edit-dialog");
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(dialog).toBeHidden({ timeout: 30_000 });
    const web = sourceRow(page, "payments-web");
    await expect(web.getByTestId("source-readiness")).toHaveAttribute("data-level", "everything");
    await expect(web).toContainText("release/2025");
    await expect(page.getByTestId("sources-summary")).toHaveText("2 repositories, all ready for everything they were added for");
    expect(await auditActions(api, ids["payments-web"]!)).toContain("source.updated");

    await page.getByRole("button", { name: "Remove payments-api" }).click();
    const confirm = page.getByRole("alertdialog", { name: "Remove “payments-api”?" });
    await expect(confirm.getByRole("button", { name: "Keep it" })).toBeFocused();
    await shot(page, "22-remove-confirm");
    await confirm.getByRole("button", { name: "Remove source" }).click();
    await expect(sourceRow(page, "payments-api")).toHaveCount(0);
    await expect(page.getByTestId("source-row")).toHaveCount(1);
    expect(await auditActions(api, ids["payments-api"]!)).toContain("source.deleted");
  });
});

test.describe("Knowledge sources: a reader", () => {
  test.use({ role: "reader" });

  test("a reader sees readiness but no Edit or Remove, and the server refuses both", async ({ page, api, playwright, baseURL, adminState }) => {
    await freshStart(playwright, baseURL, adminState);
    const adminApi = await playwright.request.newContext({ baseURL, storageState: adminState });
    const ids = await seedSources(adminApi);
    await adminApi.dispose();
    await page.goto("/knowledge-sources");
    await expect(sourceRow(page, "payments-web").getByTestId("source-readiness")).toHaveAttribute("data-level", "read_code");
    await expect(page.getByRole("button", { name: /^(Edit|Remove) / })).toHaveCount(0);
    expect((await api.patch(`/api/sources/${ids["payments-web"]}`, { data: { version: 1, branch: "mine" } })).status()).toBe(403);
    expect((await api.delete(`/api/sources/${ids["payments-web"]}?version=1`)).status()).toBe(403);
    await shot(page, "23-reader-list");
  });
});
