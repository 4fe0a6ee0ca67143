// The wizard without a mouse, resumed after a reload, filled from pasted URLs; and a reader,
// who has no wizard at all.
import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures";
import { choosePlatform, chooseRepository, createPatConnector, expectStep, freshStart, heading, next, openWizard, shot, waitForReview } from "./wizard-helpers";

/** Presses Tab until the focused element is the named control (a keyboard user's way there). */
async function tabTo(page: Page, name: string | RegExp, maxPresses = 40) {
  for (let press = 0; press < maxPresses; press += 1) {
    await page.keyboard.press("Tab");
    const label = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element) return "";
      const labelled = (element.id ? document.querySelector(`label[for="${element.id}"]`)?.textContent : null) ?? element.closest("label")?.textContent;
      return (element.getAttribute("aria-label") ?? labelled ?? element.textContent ?? "").trim();
    });
    if (typeof name === "string" ? label === name : name.test(label)) return;
  }
  throw new Error(`Tab never reached ${String(name)}`);
}

test.describe("Add repository wizard: keyboard, resume, URLs", () => {
  test.setTimeout(150_000);
  test.beforeEach(async ({ playwright, baseURL, adminState }) => freshStart(playwright, baseURL, adminState));

  test("keyboard only: every step reached with Tab, Space and Enter; focus moves to each step's heading", async ({ page, api }) => {
    await createPatConnector(api);
    await openWizard(page);
    await tabTo(page, /^Azure DevOps/);
    await page.keyboard.press("Space");
    await page.keyboard.press("Enter");
    await expectStep(page, "organization", "Which Azure DevOps organization?");
    await expect(heading(page)).toBeFocused();

    await page.keyboard.press("Tab");
    await expect(page.getByLabel("Organization or repository URL")).toBeFocused();
    await page.keyboard.type("litware");
    await expect(page.getByTestId("organization-check")).toContainText("already has a connector");
    await page.keyboard.press("Enter");
    await expectStep(page, "auth", "How does the agent sign in to litware?");
    await expect(heading(page)).toBeFocused();
    await expect(page.getByTestId("connected-as")).toBeVisible();
    await shot(page, "3-auth-keyboard-focus");

    await tabTo(page, "Next");
    await page.keyboard.press("Enter");
    await expectStep(page, "project", "Which project?");
    await expect(heading(page)).toBeFocused();
    // Back, then forward again, from the keyboard.
    await tabTo(page, "Back");
    await page.keyboard.press("Enter");
    await expectStep(page, "auth", "How does the agent sign in to litware?");
    await expect(heading(page)).toBeFocused();
    await tabTo(page, "Next");
    await page.keyboard.press("Enter");
    await expectStep(page, "project", "Which project?");

    await tabTo(page, "Payments");
    await page.keyboard.press("Space");
    await expect(page.getByRole("radio", { name: "Payments" })).toBeChecked();
    await tabTo(page, "Next");
    await page.keyboard.press("Enter");
    await expectStep(page, "repositories", "Which repositories of Payments?");
    await expect(heading(page)).toBeFocused();

    await tabTo(page, "Repository");
    await page.keyboard.type("payments-a");
    await expect(page.getByRole("group", { name: "Repository 1" }).getByLabel("Repository", { exact: true })).toHaveValue("payments-api");
    await page.keyboard.press("Tab");
    await expect(page.getByRole("group", { name: "Repository 1" }).getByLabel("Display name")).toBeFocused();
    await expect(page.getByRole("group", { name: "Repository 1" }).getByLabel("Display name")).toHaveValue("payments-api");
    await page.keyboard.press("Enter");
    await expectStep(page, "review", "Review what the connector's identity may do");
    await expect(heading(page)).toBeFocused();
    await waitForReview(page);

    await tabTo(page, "Continue to save");
    await page.keyboard.press("Enter");
    await expectStep(page, "save", "Save the knowledge sources");
    await expect(heading(page)).toBeFocused();
    await tabTo(page, "Save 1 repository");
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("saved")).toContainText("1 repository added", { timeout: 60_000 });
    await tabTo(page, "Go to knowledge sources");
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("source-row")).toHaveCount(1);
  });

  test("a pasted URL fills organization, project, repository and branch; a reload resumes at the same step", async ({ page, api }) => {
    await createPatConnector(api);
    await openWizard(page);
    await choosePlatform(page);
    await next(page);
    const field = page.getByLabel("Organization or repository URL");
    await field.fill("ftp://dev.azure.com/litware/Payments/_git/payments-web");
    await expect(page.getByText(/That address must be an https:\/\/ Azure DevOps address/)).toBeVisible();
    await field.fill("https://litware.visualstudio.com/DefaultCollection/Payments/_git/payments-web?path=/README.md&version=GBrelease%2F2025");
    await expect(field).toHaveValue("litware");
    await expect(page.getByTestId("filled-from-url")).toContainText("organization litware, project Payments, repository payments-web, branch release/2025");
    await shot(page, "2-organization-from-url");
    await next(page);
    await expect(page.getByTestId("connected-as")).toBeVisible();
    await next(page);
    await expect(page.getByRole("radio", { name: "Payments" })).toBeChecked();
    await next(page);

    await expectStep(page, "repositories", "Which repositories of Payments?");
    const first = page.getByRole("group", { name: "Repository 1" });
    await expect(first.getByLabel("Repository", { exact: true })).toHaveValue("payments-web");
    await expect(first.getByLabel("Display name")).toHaveValue("payments-web");
    await expect(first.getByLabel("Branch (optional)")).toHaveValue("release/2025");
    // A second row from an SSH URL; one from another project is refused with the reason.
    const paste = page.getByLabel("Or paste a repository URL");
    await paste.fill("https://dev.azure.com/litware/Treasury/_git/treasury-core");
    await paste.press("Enter");
    await expect(page.getByText("That repository is in the project Treasury; this step adds repositories of Payments.", { exact: false })).toBeVisible();
    await paste.fill("litware@vs-ssh.visualstudio.com:v3/litware/Payments/payments-api");
    await paste.press("Enter");
    await expect(page.getByRole("group", { name: "Repository 2" }).getByLabel("Repository", { exact: true })).toHaveValue("payments-api");
    await shot(page, "5-repositories-from-urls");

    await page.reload();
    await expectStep(page, "repositories", "Which repositories of Payments?");
    await expect(page.getByRole("group", { name: "Repository 1" }).getByLabel("Branch (optional)")).toHaveValue("release/2025");
    await expect(page.getByRole("group", { name: "Repository 2" }).getByLabel("Repository", { exact: true })).toHaveValue("payments-api");
    await expect(page).toHaveURL(/step=repositories&org=litware&project=Payments/);

    // Removing a row, then the review and save still work from the resumed state.
    await page.getByRole("button", { name: "Remove repository 2 (payments-api)" }).click();
    await expect(page.getByTestId("repository-row")).toHaveCount(1);
    await chooseRepository(page, 1, "payments-web");
    await next(page);
    await waitForReview(page);
  });
});

test.describe("Add repository wizard: a reader", () => {
  test.use({ role: "reader" });

  test("a reader sees the list without the button, and the wizard page explains instead of opening", async ({ page }) => {
    await page.goto("/knowledge-sources");
    await expect(page.getByRole("heading", { name: "Knowledge sources", level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: "Add repository" })).toHaveCount(0);
    await page.goto("/knowledge-sources/new");
    await expect(page.getByRole("heading", { name: "You need the administrator role" })).toBeVisible();
    await expect(page.getByTestId("wizard")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Next" })).toHaveCount(0);
    await shot(page, "9-reader");
  });
});
