// Shared by the knowledge source specs: a clean start, connectors seeded through the product's
// API, and the wizard's steps driven the way an operator does.
import type { APIRequestContext, Page } from "@playwright/test";
import { pickerTileId } from "../../sandbox/entra/pages";
import { ADO_PATS } from "../../sandbox/world/default/ado";
import { deleteAllConnectors, expect, test } from "../fixtures";
import { resetSandbox } from "../oauth/sandbox-admin";

/** Full-page screenshot from the top (a focused heading may have scrolled the sticky bar into the middle). */
export async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `.screenshots/sources/${name}.png`, fullPage: true });
}

/** Default world, no connectors and so no sources (they are deleted with their connector); an empty wizard draft. */
export async function freshStart(playwright: { request: { newContext: (options: object) => Promise<APIRequestContext> } }, baseURL: string | undefined, adminState: object) {
  await resetSandbox();
  const adminApi = await playwright.request.newContext({ baseURL, storageState: adminState });
  await deleteAllConnectors(adminApi);
  await adminApi.dispose();
}

/** A PAT connector for Litware with dev@litware's valid token, through the API. */
export async function createPatConnector(api: APIRequestContext): Promise<string> {
  const created = await api.post("/api/connectors", { data: { kind: "ado", organization: "litware", authMethod: "pat" } });
  expect(created.status()).toBe(201);
  const { id, version } = (await created.json()) as { id: string; version: number };
  const saved = await api.put(`/api/connectors/${id}/pat`, { data: { pat: ADO_PATS.devCodeAndWork, version } });
  expect(saved.status()).toBe(200);
  return id;
}

export const wizard = (page: Page) => page.getByTestId("wizard");
export const heading = (page: Page) => page.locator("#wizard-step-heading");

export async function expectStep(page: Page, step: string, title: string | RegExp) {
  await expect(wizard(page)).toHaveAttribute("data-step", step);
  await expect(heading(page)).toHaveText(title);
  await expect(page.locator(`nav[aria-label="Steps of adding a repository"] li[data-step="${step}"]`)).toHaveAttribute("aria-current", "step");
}

export async function next(page: Page, label = "Next") {
  await page.getByRole("button", { name: label, exact: true }).click();
}

/**
 * Next, until the wizard shows `step`. Once (in a cluster run, right after the OAuth popup's
 * refreshes of the page) a click on an enabled Next left the wizard where it was and sent no
 * request; it could not be made to happen again in 66 runs of the same steps, with and without
 * load. An operator whose Next did nothing clicks again: so does this, and the report says so.
 */
export async function nextTo(page: Page, step: string) {
  let clicks = 0;
  await expect(async () => {
    if ((await wizard(page).getAttribute("data-step")) !== step) {
      clicks += 1;
      await next(page);
    }
    await expect(wizard(page)).toHaveAttribute("data-step", step, { timeout: 10_000 });
  }).toPass({ timeout: 45_000 });
  if (clicks > 1) test.info().annotations.push({ type: "wizard", description: `Next was clicked ${clicks} times before the ${step} step opened` });
}

/**
 * Chooses Azure DevOps on the first step. The wizard replaces its URL right after it mounts
 * (`?step=platform`); a click that lands while that navigation re-renders the page is clicked again,
 * as an operator would when the card did not turn blue.
 */
export async function choosePlatform(page: Page) {
  const choice = page.getByRole("radio", { name: /Azure DevOps/ });
  // The wizard's chunk can take a while on a busy machine; the card is clicked as soon as it is there.
  await expect(wizard(page)).toBeVisible({ timeout: 30_000 });
  await expect(async () => {
    await page.getByText("Azure DevOps", { exact: true }).click();
    await expect(choice).toBeChecked({ timeout: 1_000 });
    await expect(page.getByRole("button", { name: "Next", exact: true })).toBeEnabled({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
}

export async function openWizard(page: Page) {
  await page.goto("/knowledge-sources/new");
  // The wizard is loaded in the browser only (its draft lives in sessionStorage): on a busy
  // machine its chunk can take longer than one assertion's default to arrive and run.
  await expect(wizard(page)).toBeVisible({ timeout: 30_000 });
  await expectStep(page, "platform", "Where are the repositories?");
}

/** Platform and organization, for an organization whose connector is set up already. */
export async function throughOrganization(page: Page, organization = "litware") {
  await openWizard(page);
  await choosePlatform(page);
  await next(page);
  await expectStep(page, "organization", "Which Azure DevOps organization?");
  await page.getByLabel("Organization or repository URL").fill(organization);
  await expect(page.getByTestId("organization-check")).toBeVisible();
  await next(page);
}

/** The sign-in step with OAuth: creates the organization's connector and picks `upn` in the popup's account list. */
export async function signInWithOAuth(page: Page, upn: string) {
  await page.getByText("OAuth sign-in", { exact: true }).click();
  await page.getByRole("button", { name: "Create the OAuth sign-in connector" }).click();
  const popupPromise = page.waitForEvent("popup");
  await page.getByRole("button", { name: "Sign in to Azure DevOps" }).click();
  await (await popupPromise).locator(`#${pickerTileId(upn)}`).click();
  await expect(page.getByTestId("connected-as")).toContainText(`Connected as ${upn}`);
}

export async function chooseRepository(page: Page, index: number, repository: string) {
  await page
    .getByRole("group", { name: `Repository ${index}` })
    .getByLabel("Repository", { exact: true })
    .selectOption(repository);
}

/** A saved source's row on /knowledge-sources. */
export const sourceRow = (page: Page, repository: string) => page.locator(`[data-testid="source-row"][data-repository="${repository}"]`);

/** Waits for the review's checks (they run by themselves when the step opens). */
export async function waitForReview(page: Page) {
  await expect(page.getByTestId("review")).toBeVisible({ timeout: 45_000 });
}

export const capability = (page: Page, name: "read_code" | "comment" | "create_work_items") => page.locator(`[data-capability="${name}"]`);
/** A check by its key; area paths have backslashes, which CSS attribute values must escape. */
export const checkRow = (page: Page, key: string) => page.locator(`[data-check="${key.replace(/\\/g, "\\\\")}"]`).first();

type World = { ado: { organizations: { name: string; projects: { name: string; groups: { readers: string[] } }[] }[] } };

/** Changes the sandbox's loaded world, as a target tenant's admin would (e.g. removing someone from a Readers group). */
export async function changeWorld(change: (world: World) => void) {
  const origin = process.env.TB_E2E_SANDBOX_ORIGIN;
  if (!origin) throw new Error("TB_E2E_SANDBOX_ORIGIN is not set: run the e2e tests through `npm run test:e2e`.");
  const world = (await (await fetch(`${origin}/_sandbox/world`)).json()) as World;
  change(world);
  const response = await fetch(`${origin}/_sandbox/world`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(world) });
  expect(response.status).toBe(200);
}
