import { expect, signInThroughPopup, test } from "../fixtures";

test.describe("operator sign-in", () => {
  test.describe("signed out", () => {
    test.use({ role: "none" });

    test("a visitor is sent to the sign-in page, which says what TenantBridge is and labels the sandbox accounts", async ({ page, api }) => {
      await page.goto("/connectors");
      await expect(page).toHaveURL(/\/sign-in$/);
      await expect(page.getByRole("heading", { name: "TenantBridge" })).toBeVisible();
      await expect(page.getByText(/Sandbox cloud: sign in with a sandbox account/)).toBeVisible();
      expect((await api.get("/api/connectors")).status()).toBe(401);
    });

    test("an admin signs in through the popup with account selection, and signs out", async ({ browser }) => {
      const state = await signInThroughPopup(browser, "admin");
      const context = await browser.newContext({ storageState: state, baseURL: process.env.TB_E2E_BASE_URL });
      const page = await context.newPage();
      await page.goto("/connectors");
      await expect(page.getByText("Signed in as")).toBeAttached();
      await expect(page.getByRole("banner")).toContainText("Administrator");
      await page.getByRole("button", { name: /sign out/i }).click();
      await expect(page).toHaveURL(/\/sign-in$/);
      expect((await context.request.get("/api/connectors")).status()).toBe(401);
      await context.close();
    });

    test("a sign-in window closed before signing in is noticed within a second or two, and the next try signs in", async ({ browser }) => {
      const context = await browser.newContext({ baseURL: process.env.TB_E2E_BASE_URL, ignoreHTTPSErrors: true });
      const page = await context.newPage();
      await page.goto("/sign-in");
      await expect(page).toHaveTitle("Sign in · TenantBridge");
      const button = page.getByRole("button", { name: "Sign in with Microsoft" });
      const firstPopup = page.waitForEvent("popup");
      await button.click();
      const popup = await firstPopup;
      await expect(popup.locator("#pick-admin-contoso")).toBeVisible();
      // The demo's picker says which accounts belong to the portal's tenant.
      await expect(popup.getByRole("list", { name: /^Accounts of Contoso/ }).locator("#pick-admin-contoso")).toBeVisible();
      await expect(popup.getByRole("list", { name: "Accounts of other tenants" }).locator("[data-upn$='@litware.example']").first()).toBeVisible();
      await popup.close();
      // MSAL alone would wait for its 60 s bridge timeout; the page says it within the default 5 s.
      const notice = page.getByRole("alert").filter({ hasText: "The sign-in window was closed before sign-in finished" });
      await expect(notice).toBeVisible({ timeout: 5_000 });
      await expect(notice).toContainText("AADSTS50020");
      await expect(button).toBeEnabled();

      const secondPopup = page.waitForEvent("popup");
      await button.click();
      await (await secondPopup).locator("#pick-admin-contoso").click();
      await page.waitForURL(/\/connectors/);
      await context.close();
    });

    test("the page comes with this browser's popup nonce: no request before the popup, a client's own nonce header is ignored, a reload keeps it", async ({ browser }) => {
      const context = await browser.newContext({ baseURL: process.env.TB_E2E_BASE_URL, ignoreHTTPSErrors: true, extraHTTPHeaders: { "x-tb-sign-in-nonce": "forged-by-the-client" } });
      const page = await context.newPage();
      const nonceRequests: string[] = [];
      page.on("request", (request) => {
        if (new URL(request.url()).pathname === "/api/auth/nonce") nonceRequests.push(request.method());
      });
      const held = async () => (await context.cookies()).find((cookie) => cookie.name === "tb_signin_nonce")?.value;
      await page.goto("/sign-in");
      const nonce = await held();
      expect(nonce).toMatch(/^[A-Za-z0-9_-]{32}$/);
      await page.reload();
      expect(await held()).toBe(nonce);
      const popup = page.waitForEvent("popup");
      await page.getByRole("button", { name: "Sign in with Microsoft" }).click();
      await (await popup).locator("#pick-admin-contoso").click();
      // The ID token's nonce is the page's: had the page used the client's header, the portal would refuse it.
      await page.waitForURL(/\/connectors/);
      expect(await held()).toBeUndefined();
      expect(nonceRequests).toEqual([]);
      await context.close();
    });

    test("a tampered session cookie is refused", async ({ browser }) => {
      const state = await signInThroughPopup(browser, "admin");
      const tampered = {
        ...state,
        cookies: state.cookies.map((cookie) => (cookie.name === "tb_session" ? { ...cookie, value: `${cookie.value.slice(0, -1)}${cookie.value.endsWith("x") ? "y" : "x"}` } : cookie)),
      };
      const context = await browser.newContext({ storageState: tampered, baseURL: process.env.TB_E2E_BASE_URL });
      expect((await context.request.get("/api/connectors")).status()).toBe(401);
      const page = await context.newPage();
      await page.goto("/connectors");
      await expect(page).toHaveURL(/\/sign-in$/);
      await context.close();
    });
  });

  test.describe("as a reader", () => {
    test.use({ role: "reader" });

    test("sees the connectors but no change buttons, and the server refuses changes", async ({ page, api }) => {
      await page.goto("/connectors");
      await expect(page.getByRole("banner")).toContainText("Reader");
      await expect(page.getByRole("link", { name: "Connect an Azure DevOps organization" })).toHaveCount(0);
      const refused = await api.post("/api/connectors", { data: { kind: "ado", organization: "litware", authMethod: "oauth" } });
      expect(refused.status()).toBe(403);
    });
  });
});
