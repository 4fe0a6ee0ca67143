// The wizard moves on only when the operator presses Next. The page loads with no step in its URL
// and the wizard then replaces it with `?step=platform`: a platform chosen before that lands, or
// on any render whose URL names no step, leaves the operator on the platform step. Once the URL
// names a step, Back and Forward follow it.
import { expect, expectAccessible, test } from "../fixtures";
import { expectStep, freshStart, next, shot, wizard } from "./wizard-helpers";

const PLATFORM = "Where are the repositories?";
const ORGANIZATION = "Which Azure DevOps organization?";

test.describe("Add repository wizard: the first step", () => {
  test.setTimeout(120_000);
  test.beforeEach(async ({ playwright, baseURL, adminState }) => freshStart(playwright, baseURL, adminState));

  test("a platform chosen at once, before the wizard's URL names its step, stays on the platform step until Next", async ({ page }) => {
    await page.goto("/knowledge-sources/new");
    const choice = page.getByRole("radio", { name: /Azure DevOps/ });
    // Chosen as soon as the card is there, without waiting for the URL. A click that lands while
    // the wizard's own navigation renders the page anew is clicked again.
    await expect(wizard(page)).toBeVisible({ timeout: 30_000 });
    await expect(async () => {
      await page.getByText("Azure DevOps", { exact: true }).click();
      await expect(choice).toBeChecked({ timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
    await expect(page).toHaveURL(/\/knowledge-sources\/new\?step=platform$/);
    await expectStep(page, "platform", PLATFORM);
    await expect(choice).toBeChecked();

    // A render whose URL names no step, with the platform already chosen: the wizard stays where
    // it is and puts the step back in the URL.
    await page.evaluate(() => window.history.replaceState(null, "", "/knowledge-sources/new"));
    await expect(page).toHaveURL(/\/knowledge-sources\/new\?step=platform$/);
    await expectStep(page, "platform", PLATFORM);
    await expect(choice).toBeChecked();
    await expect(page.getByRole("button", { name: "Next", exact: true })).toBeEnabled();
    await shot(page, "1-platform-chosen");
    await expectAccessible(page);

    await next(page);
    await expectStep(page, "organization", ORGANIZATION);
    await expect(page).toHaveURL(/\?step=organization$/);

    // The URL decides once it names a step: Back, Forward and a reload.
    await page.goBack();
    await expectStep(page, "platform", PLATFORM);
    await expect(choice).toBeChecked();
    await page.goForward();
    await expectStep(page, "organization", ORGANIZATION);
    await page.reload();
    await expectStep(page, "organization", ORGANIZATION);
  });

  test("a page load with no step and a draft past the platform opens its first open step", async ({ page }) => {
    await page.goto("/knowledge-sources/new?step=platform");
    await expect(wizard(page)).toBeVisible({ timeout: 30_000 });
    await page.getByText("Azure DevOps", { exact: true }).click();
    await expect(page.getByRole("radio", { name: /Azure DevOps/ })).toBeChecked();
    // A new page load of the bare address resumes the tab's draft at the step it needs next.
    await page.goto("/knowledge-sources/new");
    await expectStep(page, "organization", ORGANIZATION);
    await expect(page).toHaveURL(/\?step=organization$/);
  });
});
