// What the default world gets wrong, reported by the wizard with the cause and the fix: a
// project the connector is not a member of (VS800075), and an account with Stakeholder access
// that cannot read code, whose repository can then be saved only as a draft listing what is missing.
import { CONNECTOR_APP, TENANT, USER } from "../../sandbox/world/default/ids";
import { expect, test } from "../fixtures";
import { createMiFicConnector } from "../mi-fic/connectors";
import { choosePlatform, capability, changeWorld, checkRow, expectStep, freshStart, next, nextTo, shot, signInWithOAuth, sourceRow, throughOrganization, waitForReview } from "./wizard-helpers";

test.describe("Add repository wizard: failures", () => {
  test.setTimeout(150_000);
  test.beforeEach(async ({ playwright, baseURL, adminState }) => freshStart(playwright, baseURL, adminState));

  test("a project the connector's identity is not a member of, by name: TF200016 with its cause and fix", async ({ page, api }) => {
    await createMiFicConnector(api, "litware", CONNECTOR_APP.appId, TENANT.litware);
    await page.goto("/knowledge-sources/new");
    await choosePlatform(page);
    await next(page);
    await page.getByLabel("Organization or repository URL").fill("https://dev.azure.com/litware/Treasury/_git/treasury-core");
    await expect(page.getByTestId("filled-from-url")).toContainText("organization litware, project Treasury, repository treasury-core");
    await next(page);
    await expect(page.getByTestId("connected-as")).toBeVisible();
    await next(page);

    await expectStep(page, "project", "Which project?");
    await expect(page.getByText("The connector cannot see a project named Treasury")).toBeVisible();
    await expect(page.getByRole("radio", { name: "Payments" })).toBeVisible();
    await shot(page, "4-project-not-visible");
    await next(page);

    await expectStep(page, "repositories", "Which repositories of Treasury?");
    const problem = page.getByTestId("repositories-problem");
    await expect(problem).toContainText("TF200016");
    await expect(problem).toContainText("Why:");
    await expect(problem).toContainText("Fix:");
    await expect(problem).toContainText("Readers");
    await shot(page, "5-repositories-vs800075");
  });

  test("no project is visible once the connector's identity leaves Payments' Readers: the connector is not used, and the project step says to add it to Readers", async ({ page, api }) => {
    await changeWorld((world) => {
      const payments = world.ado.organizations.find((organization) => organization.name === "litware")?.projects.find((project) => project.name === "Payments");
      if (!payments) throw new Error("the default world has no litware/Payments");
      payments.groups.readers = payments.groups.readers.filter((id) => id !== CONNECTOR_APP.spLitware);
    });
    await createMiFicConnector(api, "litware", CONNECTOR_APP.appId, TENANT.litware);
    await throughOrganization(page);
    // Next is clicked on the sign-in step, once it shows the connection it checked (a click during
    // the step's first render can land on the previous step's button as it leaves).
    await expectStep(page, "auth", "How does the agent sign in to litware?");
    await expect(page.getByTestId("connected-as")).toBeVisible();
    await next(page);
    await expectStep(page, "project", "Which project?");
    // Proved before used: the save's chain test found no project, so the connector stays a draft
    // that the wizard does not use, and says why and what to do.
    await expect(page.getByText("The connector has no usable credential")).toBeVisible();
    await expect(page.getByText(/The identity cannot see any project/)).toBeVisible();
    await expect(page.getByText(/Project settings → Permissions → Readers/)).toBeVisible();
    await expect(page.getByRole("button", { name: "Next", exact: true })).toBeDisabled();
    await shot(page, "4-project-empty");
  });

  test("a Stakeholder cannot read code: the review says why and how to fix it, and the repository is saved only as a draft", async ({ page }) => {
    await throughOrganization(page);
    await signInWithOAuth(page, USER.litwareIntern.upn);
    await nextTo(page, "project");
    await page.getByRole("radio", { name: "Payments" }).check();
    await next(page);

    // The project is visible, but no repository is readable: the list is empty and says why.
    await expect(page.getByTestId("repositories-empty")).toBeVisible();
    await shot(page, "5-repositories-empty");
    await page.getByLabel("Or paste a repository URL").fill("git@ssh.dev.azure.com:v3/litware/Payments/payments-api");
    await page.getByLabel("Or paste a repository URL").press("Enter");
    await expect(page.getByText("Added payments-api (the connector cannot see it: the review will say why).")).toBeVisible();
    await next(page);

    await waitForReview(page);
    await expect(capability(page, "read_code")).toHaveAttribute("data-status", "fail");
    const read = checkRow(page, "repository-read:payments-api");
    await expect(read).toHaveAttribute("data-status", "fail");
    await expect(read).toContainText("TF401019");
    await expect(read).toContainText("Why:");
    await expect(read).toContainText("Fix:");
    await shot(page, "6-review-cannot-read");
    await next(page, "Continue to save");

    const plan = page.locator('[data-testid="save-plan-row"][data-status="draft"]');
    await expect(plan).toContainText("Draft: access missing");
    await expect(plan).toContainText("Read repository payments-api");
    await shot(page, "7-save-as-draft");
    await page.getByRole("button", { name: "Save as draft" }).click();
    await expect(page.getByTestId("saved")).toContainText("1 repository added (1 as draft)", { timeout: 60_000 });

    await page.goto("/knowledge-sources");
    const row = sourceRow(page, "payments-api");
    await expect(row).toContainText("Draft");
    await expect(row.getByTestId("source-readiness")).toHaveAttribute("data-level", "nothing");
    // What reading needs is open at once: it is why the agent does not use the source.
    await expect(row.locator('[data-capability="read_code"]').getByText("Read repository payments-api")).toBeVisible();
    await shot(page, "8-list-with-draft");
  });
});
