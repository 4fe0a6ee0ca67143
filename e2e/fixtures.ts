// Every spec imports `test` from here. It points Playwright at the portal that global setup
// started, and signs in for real: the sign-in page's MSAL popup and the sandbox's account
// picker, once per worker and role. `test.use({ role: "reader" })` or `"none"` changes who the
// page and the `api` request context are. Every test that opened a page of the portal ends with
// an axe scan of it in both color schemes (`expectAccessible`); `test.use({ axe: false })` turns
// that off for a spec whose last screen is not the portal's.
import { test as base, expect, type APIRequestContext, type Browser, type BrowserContextOptions } from "@playwright/test";
import { expectAccessible } from "./accessibility";

export type Role = "admin" | "reader" | "none";
type StorageState = Exclude<BrowserContextOptions["storageState"], string | undefined>;

const portalUrl = () => {
  const url = process.env.TB_E2E_BASE_URL;
  if (!url) throw new Error("TB_E2E_BASE_URL is not set: run the e2e tests through `npm run test:e2e`.");
  return url;
};

/** Signs in through the UI with a sandbox account of Contoso and returns the browser state. */
export async function signInThroughPopup(browser: Browser, account: "admin" | "reader", baseURL = portalUrl()): Promise<StorageState> {
  const context = await browser.newContext({ baseURL, ignoreHTTPSErrors: true });
  const page = await context.newPage();
  await page.goto("/sign-in");
  const popupPromise = page.waitForEvent("popup");
  await page.getByRole("button", { name: "Sign in with Microsoft" }).click();
  const popup = await popupPromise;
  await popup.locator(`#pick-${account}-contoso`).click();
  await page.waitForURL(/\/connectors/);
  const state = await context.storageState();
  await context.close();
  return state;
}

export const test = base.extend<{ role: Role; api: APIRequestContext; axe: boolean }, { adminState: StorageState; readerState: StorageState }>({
  role: ["admin", { option: true }],
  axe: [true, { option: true }],
  page: async ({ page, axe, baseURL }, use, testInfo) => {
    await use(page);
    // A test that already failed keeps its own error; the scan covers the states tests pass in.
    if (!axe || testInfo.status !== testInfo.expectedStatus || testInfo.expectedStatus !== "passed") return;
    const origin = new URL(baseURL!).origin;
    for (const open of page.context().pages()) {
      if (open.isClosed() || !open.url().startsWith(origin)) continue;
      await base.step(`axe: ${new URL(open.url()).pathname}`, () => expectAccessible(open));
    }
  },
  adminState: [async ({ browser }, use) => use(await signInThroughPopup(browser, "admin")), { scope: "worker" }],
  readerState: [async ({ browser }, use) => use(await signInThroughPopup(browser, "reader")), { scope: "worker" }],
  baseURL: async ({}, use) => use(portalUrl()),
  storageState: async ({ role, adminState, readerState }, use) => {
    await use(role === "admin" ? adminState : role === "reader" ? readerState : { cookies: [], origins: [] });
  },
  api: async ({ playwright, baseURL, storageState }, use) => {
    const context = await playwright.request.newContext({ baseURL, storageState, ignoreHTTPSErrors: true });
    await use(context);
    await context.dispose();
  },
});

export { expect, expectAccessible };

/** Removes every connector through the API so each spec starts from the empty state. */
export async function deleteAllConnectors(api: APIRequestContext) {
  const list = await (await api.get("/api/connectors?take=200")).json();
  for (const connector of list.items as { id: string }[]) {
    await api.delete(`/api/connectors/${connector.id}`);
  }
}

/**
 * Adds a knowledge source through the API, waiting out the per-organization validation limit
 * (429 with Retry-After) that earlier specs may have used up. Each attempt closes its connection:
 * a wait of Retry-After seconds can end just as the portal drops the idle keep-alive connection
 * (Node's 5 s), and a retry on that connection fails with ECONNRESET instead of reaching it.
 */
export async function addSourceWaitingOutLimit(api: APIRequestContext, data: Record<string, unknown>) {
  const post = () => api.post("/api/sources", { data, headers: { connection: "close" } });
  let response = await post();
  for (let attempt = 0; response.status() === 429 && attempt < 3; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, Number(response.headers()["retry-after"] ?? "5") * 1000));
    response = await post();
  }
  return response;
}
