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
