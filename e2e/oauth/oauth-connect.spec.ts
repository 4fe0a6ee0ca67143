// OAuth sign-in for a connector through the UI: the popup with the sandbox's account picker,
// an account of another tenant, the server refreshing the token before it expires, the failure
// states, and forged popup messages that must be ignored.
import type { APIRequestContext, Page } from "@playwright/test";
import { pickerTileId } from "../../sandbox/entra/pages";
import { USER } from "../../sandbox/world/default/ids";
import { openBeforeHydration } from "../before-hydration";
import { deleteAllConnectors, expect, test } from "../fixtures";
import { adoRefreshGrants, resetSandbox, setTokenLifetimes } from "./sandbox-admin";

/**
 * An access token lifetime (in seconds) that outlives the sign-in, where the callback shows the
 * new token to Azure DevOps at once however slow the machine, yet is within the server's 5-minute
 * refresh window, so the next use of the sign-in refreshes it.
 */
const REFRESH_DUE_SECONDS = 150;

const shot = (page: Page, name: string) => page.screenshot({ path: `.screenshots/oauth/${name}.png`, fullPage: true });

async function createConnector(api: APIRequestContext, organization: string): Promise<string> {
  const response = await api.post("/api/connectors", { data: { kind: "ado", organization, authMethod: "oauth" } });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function signInWith(page: Page, button: string, upn: string | null) {
  const popupPromise = page.waitForEvent("popup");
  await page.getByRole("button", { name: button }).click();
  const popup = await popupPromise;
  if (upn) await popup.locator(`#${pickerTileId(upn)}`).click();
  return popup;
}

test.describe("OAuth sign-in for a connector", () => {
  test.beforeEach(async ({ playwright, baseURL, adminState }) => {
    await resetSandbox();
    // As an admin whatever the spec's role: readers cannot delete.
    const adminApi = await playwright.request.newContext({ baseURL, storageState: adminState });
    await deleteAllConnectors(adminApi);
    await adminApi.dispose();
  });

  test("an admin picks Litware's developer in the popup; the server refreshes the token by itself", async ({ page, api }) => {
    await setTokenLifetimes({ accessTokenSeconds: REFRESH_DUE_SECONDS });
    const id = await createConnector(api, "litware");
    await page.goto(`/connectors/${id}`);
    await expect(page.getByText("Not signed in")).toBeVisible();
    await shot(page, "1-not-signed-in");

    const popup = await signInWith(page, "Sign in to Azure DevOps", USER.litwareDev.upn);
    await expect(page.getByTestId("oauth-connection")).toContainText(`Connected as ${USER.litwareDev.upn}`);
    await expect(page.getByTestId("oauth-connection")).toContainText("11700000-0000-4000-8000-000000000002");
    await expect(page.getByText("Refreshed automatically on the server")).toBeVisible();
    await expect(page.getByText(/from tenant Litware \(11700000-0000-4000-8000-000000000002\)/)).toBeVisible();
    expect(popup.isClosed()).toBe(true);
    await shot(page, "2-connected");

    // The sign-in's access token is due for a refresh: the chain test gets a fresh one from the
    // server (once the capability summary, which refreshes it too, has its answer).
    await expect(page.getByTestId("oauth-capabilities")).toContainText("Read code:");
    await setTokenLifetimes({ accessTokenSeconds: 3599 });
    const refreshesBefore = await adoRefreshGrants();
    const run = await api.post(`/api/connectors/${id}/test`);
    expect(run.status()).toBe(200);
    const checks = ((await run.json()) as { checks: { key: string; status: string }[] }).checks;
    expect(checks.find((check) => check.key === "oauth-token")?.status).toBe("pass");
    expect(checks.every((check) => check.status === "pass")).toBe(true);
    expect(await adoRefreshGrants()).toBe(refreshesBefore + 1);
    const audit = await (await api.get(`/api/connectors/${id}`)).text();
    expect(audit).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./);
  });

  test("a replayed callback, even with the flow cookie, is refused and the popup page says why", async ({ page, api, context }) => {
    const id = await createConnector(api, "litware");
    await page.goto(`/connectors/${id}`);
    // What an attacker would need to replay: the callback URL (code and state) and the sealed cookie.
    const callback = new Promise<{ url: string; cookie: string }>((resolve) => {
      context.on("request", async (request) => {
        if (!request.url().includes("/api/oauth/callback")) return;
        const cookie = /tb_oauth_flow=([^;]+)/.exec((await request.allHeaders()).cookie ?? "")?.[1] ?? "";
        resolve({ url: request.url(), cookie });
      });
    });
    await signInWith(page, "Sign in to Azure DevOps", USER.litwareDev.upn);
    await expect(page.getByTestId("oauth-connection")).toContainText(`Connected as ${USER.litwareDev.upn}`);
    const captured = await callback;
    expect(captured.cookie).not.toBe("");

    await context.addCookies([{ name: "tb_oauth_flow", value: captured.cookie, url: captured.url }]);
    const replay = await context.newPage();
    await replay.goto(captured.url);
    await expect(replay.getByText("This sign-in was already completed")).toBeVisible();
    await expect(replay.getByText(/can be completed only once/)).toBeVisible();
    await shot(replay, "replay-refused");
    // The connector keeps the one sign-in that completed.
    await expect(page.getByTestId("oauth-connection")).toContainText(`Connected as ${USER.litwareDev.upn}`);
  });

  test("a forged result from another origin, or from another window, is ignored; closing the popup is reported", async ({ page, api }) => {
    const id = await createConnector(api, "litware");
    await page.goto(`/connectors/${id}`);
    const popupPromise = page.waitForEvent("popup");
    await page.getByRole("button", { name: "Sign in to Azure DevOps" }).click();
    const popup = await popupPromise;
    await popup.waitForURL(/\/oauth2\/v2\.0\/authorize/);
    const flowId = new URL(popup.url()).searchParams.get("state");
    const forged = { type: "tenantbridge.oauth-result", flowId, outcome: "connected", account: "mallory@evil.example", tenantId: "evil", organization: "litware" };
    // The real popup window, but on the identity provider's origin (as a hostile page there would be).
    await popup.evaluate((message) => window.opener.postMessage(message, "*"), forged);
    // The portal's origin, but not the popup window.
    await page.evaluate((message) => window.postMessage(message, window.location.origin), forged);
    await page.waitForTimeout(500);
    await expect(page.getByText("Waiting for the sign-in window")).toBeVisible();
    await expect(page.getByText("mallory@evil.example")).toHaveCount(0);
    await shot(page, "3-waiting-forged-ignored");

    await popup.close();
    await expect(page.getByText("The sign-in window was closed")).toBeVisible();
    await shot(page, "4-popup-closed");
    const connector = (await (await api.get(`/api/connectors/${id}`)).json()) as { oauth: { configured: boolean } };
    expect(connector.oauth.configured).toBe(false);
  });

  test("a blocked popup is explained", async ({ page, api }) => {
    const id = await createConnector(api, "litware");
    await page.goto(`/connectors/${id}`);
    await page.evaluate(() => {
      window.open = () => null;
    });
    await page.getByRole("button", { name: "Sign in to Azure DevOps" }).click();
    await expect(page.getByText("Your browser blocked the sign-in window")).toBeVisible();
    await shot(page, "5-popup-blocked");
  });

  test("Fabrikam has not consented: the panel explains and links the admin consent for Fabrikam's tenant", async ({ page, api }) => {
    const id = await createConnector(api, "fabrikam");
    // On a slow connection the button waits for the page's JavaScript instead of losing the click.
    const release = await openBeforeHydration(page, `/connectors/${id}`);
    await expect(page.getByRole("button", { name: "Sign in to Azure DevOps" })).toBeDisabled();
    await release();
    await signInWith(page, "Sign in to Azure DevOps", USER.fabrikamAdmin.upn);
    await expect(page.getByText("The organization's tenant has not consented to TenantBridge")).toBeVisible();
    await expect(page.getByRole("link", { name: "Admin consent link for the organization's tenant" })).toHaveAttribute("href", /\/fab00000-0000-4000-8000-000000000003\/adminconsent\?client_id=/);
    await expect(page.getByText("Not signed in")).toBeVisible();
    await shot(page, "6-consent-required");
  });

  test("an account of another tenant is refused; 'Sign in with a different account' and a lapsed sign-in recover in one click", async ({ page, api }) => {
    const id = await createConnector(api, "litware");
    await page.goto(`/connectors/${id}`);
    await signInWith(page, "Sign in to Azure DevOps", USER.contosoAdmin.upn);
    await expect(page.getByText(`${USER.contosoAdmin.upn} has no access to organization 'litware'`)).toBeVisible();
    await shot(page, "7-account-without-access");

    // The refresh token lapses a second after the sign-in; the access token is due for a refresh.
    await setTokenLifetimes({ accessTokenSeconds: REFRESH_DUE_SECONDS, refreshTokenSeconds: 1 });
    await signInWith(page, "Sign in to Azure DevOps", USER.litwareDev.upn);
    await expect(page.getByTestId("oauth-connection")).toContainText(`Connected as ${USER.litwareDev.upn}`);
    // The capability summary uses the sign-in too (a refresh that may issue a new refresh token):
    // once it has its answer, the last refresh token the sandbox issued lapses within a second.
    const callout = page.getByTestId("oauth-capabilities");
    await expect(callout).toBeVisible();
    await expect(callout.getByRole("status")).toHaveCount(0);
    await page.waitForTimeout(1500);
    const run = await api.post(`/api/connectors/${id}/test`);
    expect(((await run.json()) as { checks: { key: string; status: string }[] }).checks[0]).toMatchObject({ key: "oauth-token", status: "fail" });
    await page.reload();
    await expect(page.getByText(`The sign-in of ${USER.litwareDev.upn} has lapsed`)).toBeVisible();
    await shot(page, "8-sign-in-lapsed");

    await setTokenLifetimes({ accessTokenSeconds: 3599, refreshTokenSeconds: 86400 });
    // login_hint with the stored account: the sandbox signs it in without the picker.
    const popup = await signInWith(page, "Sign in again", null);
    await popup.waitForEvent("close");
    await expect(page.getByTestId("oauth-connection")).toContainText(`Connected as ${USER.litwareDev.upn}`);

    await signInWith(page, "Sign in with a different account", USER.litwareAdmin.upn);
    await expect(page.getByTestId("oauth-connection")).toContainText(`Connected as ${USER.litwareAdmin.upn}`);
    await page.getByRole("button", { name: "Disconnect" }).click();
    await shot(page, "9-disconnect-confirm");
    await page.getByRole("button", { name: "Disconnect" }).click();
    await expect(page.getByText("Not signed in")).toBeVisible();
  });

  test.describe("as a reader", () => {
    test.use({ role: "reader" });
    test("sees the panel without sign-in buttons, and the server refuses to start a sign-in", async ({ page, api, playwright, baseURL, adminState }) => {
      const adminApi = await playwright.request.newContext({ baseURL, storageState: adminState });
      const id = await createConnector(adminApi, "litware");
      await adminApi.dispose();
      await page.goto(`/connectors/${id}`);
      await expect(page.getByText("Only TenantBridge administrators can sign in or disconnect.")).toBeVisible();
      await expect(page.getByRole("button", { name: "Sign in to Azure DevOps" })).toHaveCount(0);
      expect((await api.post(`/api/connectors/${id}/oauth/start`, { data: { mode: "sign_in" } })).status()).toBe(403);
      await shot(page, "10-reader");
    });
  });
});
