// The "Add repository" wizard end to end for Litware with each auth method (PAT, OAuth through
// the popup, MI + FIC), and the knowledge sources list afterwards.
import type { Page } from "@playwright/test";
import { ADO_PATS } from "../../sandbox/world/default/ado";
import { CONNECTOR_APP, TENANT, USER } from "../../sandbox/world/default/ids";
import { expect, test } from "../fixtures";
import { createMiFicConnector } from "../mi-fic/connectors";
import { choosePlatform, capability, checkRow, chooseRepository, expectStep, freshStart, next, nextTo, shot, signInWithOAuth, sourceRow, throughOrganization, waitForReview } from "./wizard-helpers";

/** "N checks need attention" above exactly N checks that failed or were not decided, each shown once. */
async function expectAttentionMatchesRows(page: Page, expected: number) {
  const summary = page.getByTestId("review-summary");
  await expect(summary).toHaveAttribute("data-attention", String(expected));
  await expect(summary).toContainText(`${expected} ${expected === 1 ? "check needs" : "checks need"} attention`);
  await expect(page.getByTestId("review").locator('[data-check][data-status="fail"], [data-check][data-status="unknown"]')).toHaveCount(expected);
}

test.describe("Add repository wizard", () => {
  test.setTimeout(150_000);
  test.beforeEach(async ({ playwright, baseURL, adminState }) => freshStart(playwright, baseURL, adminState));

  test("PAT: two repositories of Payments added for Litware, every check passing, listed as ready", async ({ page }) => {
    await page.goto("/knowledge-sources");
    await expect(page.getByRole("heading", { name: "No repositories yet" })).toBeVisible();
    await shot(page, "0-list-empty");
    await page.getByRole("link", { name: "Add repository" }).click();

    await expectStep(page, "platform", "Where are the repositories?");
    await expect(page.getByRole("radio", { name: /GitHub/ })).toBeDisabled();
    await expect(page.getByText("Not supported yet")).toBeVisible();
    await choosePlatform(page);
    await shot(page, "1-platform");
    await next(page);

    await expectStep(page, "organization", "Which Azure DevOps organization?");
    const organization = page.getByLabel("Organization or repository URL");
    await organization.fill("litware-");
    await expect(page.getByText("cannot start or end with a hyphen")).toBeVisible();
    await expect(page.getByRole("button", { name: "Next", exact: true })).toBeDisabled();
    await organization.fill("litware");
    await expect(page.getByTestId("organization-check")).toContainText(`litware exists in Azure DevOps (Entra ID tenant ${TENANT.litware}) and has no connector yet`);
    await shot(page, "2-organization");
    await next(page);

    await expectStep(page, "auth", "How does the agent sign in to litware?");
    await page.getByText("Personal access token", { exact: true }).click();
    await shot(page, "3-auth-choose");
    await page.getByRole("button", { name: "Create the Personal access token connector" }).click();
    await page.getByLabel("Personal access token", { exact: true }).fill(ADO_PATS.devCodeAndWork);
    await page.getByRole("button", { name: "Validate and save" }).click();
    await expect(page.getByTestId("connected-as")).toContainText(`Connected with a personal access token ••••${ADO_PATS.devCodeAndWork.slice(-4)}`);
    await expect(page.getByText(`The PAT authenticates as`)).toBeVisible();
    await shot(page, "3-auth-pat-connected");
    // The PAT is never in the page.
    expect(await page.content()).not.toContain(ADO_PATS.devCodeAndWork);
    await next(page);

    await expectStep(page, "project", "Which project?");
    await expect(page.getByRole("radio", { name: "Payments" })).toBeVisible();
    await shot(page, "4-project");
    await page.getByRole("radio", { name: "Payments" }).check();
    await next(page);

    await expectStep(page, "repositories", "Which repositories of Payments?");
    await chooseRepository(page, 1, "payments-api");
    await expect(page.getByRole("group", { name: "Repository 1" }).getByLabel("Display name")).toHaveValue("payments-api");
    await page.getByRole("group", { name: "Repository 1" }).getByLabel("Description (optional)").fill("The payments API and its runbooks");
    await page.getByRole("button", { name: "Add a repository" }).click();
    await chooseRepository(page, 2, "payments-web");
    await page.getByRole("group", { name: "Repository 2" }).getByLabel("Display name").fill("Payments web front end");
    await shot(page, "5-repositories");
    await next(page);

    await expectStep(page, "review", "Review what the connector's identity may do");
    await waitForReview(page);
    await expect(page.getByText(/Every check passed, checked as/)).toBeVisible();
    for (const name of ["read_code", "comment", "create_work_items"] as const) await expect(capability(page, name)).toHaveAttribute("data-status", "pass");
    await shot(page, "6-review-pass");
    await next(page, "Continue to save");

    await expectStep(page, "save", "Save the knowledge sources");
    await expect(page.getByTestId("save-plan-row")).toHaveCount(2);
    await page.getByRole("button", { name: "Save 2 repositories" }).click();
    await expect(page.getByTestId("saved")).toContainText("2 repositories added", { timeout: 60_000 });
    await expectStep(page, "save", "Saved");
    await shot(page, "7-saved");
    await page.getByRole("link", { name: "Go to knowledge sources" }).click();

    await expect(page.getByTestId("source-row")).toHaveCount(2);
    const web = sourceRow(page, "payments-web");
    await expect(web).toContainText("Payments web front end");
    await expect(web).toContainText("litware/Payments/payments-web");
    await expect(web).toContainText("Ready");
    await expect(web).toContainText("Personal access token");
    await expect(sourceRow(page, "payments-api")).toContainText("The payments API and its runbooks");
    await shot(page, "8-list");
  });

  test("OAuth: dev@litware picked in the popup, then a repository added", async ({ page }) => {
    await throughOrganization(page);
    await expectStep(page, "auth", "How does the agent sign in to litware?");
    await signInWithOAuth(page, USER.litwareDev.upn);
    await expect(page.getByTestId("connected-as")).toContainText(`from tenant ${TENANT.litware}`);
    await shot(page, "3-auth-oauth-connected");
    await nextTo(page, "project");

    await page.getByRole("radio", { name: "Payments" }).check();
    await next(page);
    await chooseRepository(page, 1, "payments-api");
    await next(page);
    await waitForReview(page);
    await expect(page.getByText(`checked as`)).toBeVisible();
    await expect(capability(page, "read_code")).toHaveAttribute("data-status", "pass");
    await next(page, "Continue to save");
    await page.getByRole("button", { name: "Save 1 repository" }).click();
    await expect(page.getByTestId("saved")).toContainText("1 repository added", { timeout: 60_000 });

    await page.goto("/knowledge-sources");
    const row = sourceRow(page, "payments-api");
    await expect(row).toContainText("Ready");
    await expect(row).toContainText("OAuth sign-in");
  });

  test("MI + FIC: the existing connector is reused; the PR and work item gaps are reported with cause and fix; saved as ready for reading code", async ({ page, api }) => {
    await createMiFicConnector(api, "litware", CONNECTOR_APP.appId, TENANT.litware);
    await throughOrganization(page);
    await expectStep(page, "auth", "How does the agent sign in to litware?");
    await expect(page.getByTestId("connected-as")).toContainText(`Connected as the app ${CONNECTOR_APP.appId} from tenant ${TENANT.litware}`);
    await expect(page.getByRole("link", { name: /Open the managed identity \+ FIC assistant/ })).toHaveAttribute("href", /\/connectors\//);
    await shot(page, "3-auth-mi-fic-reused");
    await next(page);

    await page.getByRole("radio", { name: "Payments" }).check();
    await next(page);
    await chooseRepository(page, 1, "payments-api");
    await page.getByRole("button", { name: "Add a repository" }).click();
    // The keyboard continues in the row that just appeared, not on the button below it.
    await expect(page.getByRole("group", { name: "Repository 2" }).getByLabel("Repository", { exact: true })).toBeFocused();
    await chooseRepository(page, 2, "payments-web");
    await next(page);
    await waitForReview(page);

    // Reading code passes on both repositories.
    await expect(capability(page, "read_code")).toHaveAttribute("data-status", "pass");
    // Contribute to pull requests: explicitly denied on payments-web.
    await expect(capability(page, "comment")).toHaveAttribute("data-status", "fail");
    await expect(checkRow(page, "pull-request-contribute:payments-api")).toHaveAttribute("data-status", "pass");
    const contribute = checkRow(page, "pull-request-contribute:payments-web");
    await expect(contribute).toHaveAttribute("data-status", "fail");
    await expect(contribute).toContainText("Why:");
    await expect(contribute).toContainText("Fix: Project settings → Repositories → payments-web → Security");
    // Work items: the root area is not granted, only Checkout is, so the review starts on Checkout.
    await expect(page.getByLabel("Area path for work items")).toHaveValue("Payments\\Checkout");
    await expect(checkRow(page, "work-item-write:Payments\\Checkout")).toHaveAttribute("data-status", "pass");
    await expectAttentionMatchesRows(page, 1);
    // Then Ledger: its failure is listed once (commenting and creating work items both need it).
    await page.getByLabel("Area path for work items").selectOption("Payments\\Ledger");
    await page.getByRole("button", { name: "Check this area path" }).click();
    const ledger = checkRow(page, "work-item-write:Payments\\Ledger");
    await expect(ledger).toHaveAttribute("data-status", "fail", { timeout: 45_000 });
    await expect(ledger).toContainText("Why:");
    await expect(ledger).toContainText("Contributors group");
    await expect(ledger).toContainText("Fix: Project settings → Project configuration → Areas → Payments\\Ledger → Security");
    await expect(capability(page, "create_work_items")).toHaveAttribute("data-status", "fail");
    await expect(page.locator('[data-check="work-item-write:Payments\\\\Ledger"]')).toHaveCount(1);
    await expect(capability(page, "create_work_items").locator('[data-shared-check="work-item-write:Payments\\\\Ledger"]')).toContainText(
      "shown under “Comment on work items and pull requests” above",
    );
    await expectAttentionMatchesRows(page, 2);
    await shot(page, "6-review-failures");
    await page.getByLabel("Area path for work items").selectOption("Payments\\Checkout");
    await page.getByRole("button", { name: "Check this area path" }).click();
    await expect(checkRow(page, "work-item-write:Payments\\Checkout")).toHaveAttribute("data-status", "pass", { timeout: 45_000 });
    await expect(capability(page, "create_work_items")).toHaveAttribute("data-status", "pass");
    await next(page, "Continue to save");

    // Both are readable, so both are ready; the PR gap is listed apart, with its fix.
    await expect(page.locator('[data-testid="save-plan-row"][data-status="ready"]')).toHaveCount(2);
    await expect(page.getByTestId("connector-missing")).toContainText("Contribute to pull requests in payments-web");
    await shot(page, "7-save-with-gaps");
    await page.getByRole("button", { name: "Save 2 repositories" }).click();
    await expect(page.getByTestId("saved")).toContainText("2 repositories added", { timeout: 60_000 });

    await page.goto("/knowledge-sources");
    await expect(page.getByTestId("source-row")).toHaveCount(2);
    const web = sourceRow(page, "payments-web");
    await expect(web).toContainText("Managed identity + federated credential");
    // Saved for what the review checked: payments-web is ready for reading code, not for commenting.
    await expect(web.getByTestId("source-readiness")).toHaveAttribute("data-level", "read_code");
    await expect(web.locator('[data-capability="comment"]')).toHaveAttribute("data-status", "fail");
    await expect(page.getByTestId("sources-summary")).not.toContainText("all ready");
  });
});
