import { deleteAllConnectors, expect, test } from "../fixtures";

test.describe("connectors list", () => {
  test.beforeEach(async ({ api }) => deleteAllConnectors(api));

  test("a first run shows the empty state with one way forward", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/connectors$/);
    await expect(page.getByRole("navigation").getByRole("link", { name: "Connectors" })).toBeVisible();
    for (const name of ["Knowledge sources", "Health", "Audit log", "Settings"]) {
      await expect(page.getByRole("navigation").getByRole("link", { name })).toBeVisible();
    }
    await expect(page.getByRole("link", { name: "Connect an Azure DevOps organization" })).toBeVisible();
    await expect(page.getByText(/PAT only as a fallback/i)).toBeVisible();
  });

  test("connectors created through the API appear with their method and target", async ({ api, page }) => {
    const created = await api.post("/api/connectors", { data: { kind: "ado", organization: "litware", authMethod: "oauth" } });
    expect(created.status()).toBe(201);
    const kusto = await api.post("/api/connectors", {
      data: { kind: "kusto", clusterUrl: `${process.env.TB_E2E_SANDBOX_ORIGIN}/kusto/litware`, database: "Telemetry", authMethod: "mi_fic" },
    });
    expect(kusto.status()).toBe(201);
    await page.goto("/connectors");
    const table = page.getByRole("table");
    await expect(table.getByText("litware").first()).toBeVisible();
    await expect(table.getByText("OAuth sign-in").first()).toBeVisible();
    await expect(table.getByText(/Telemetry/).first()).toBeVisible();
  });

  test("the navigation is usable with the keyboard alone", async ({ page }) => {
    await page.goto("/connectors");
    await page.keyboard.press("Tab");
    const focused = page.locator(":focus");
    await expect(focused).toBeVisible();
    let reachedHealth = false;
    for (let i = 0; i < 15 && !reachedHealth; i++) {
      if ((await focused.textContent())?.trim() === "Health") reachedHealth = true;
      else await page.keyboard.press("Tab");
    }
    expect(reachedHealth).toBe(true);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/health$/);
  });

  test("security headers are sent on every page", async ({ page }) => {
    const response = await page.goto("/connectors");
    const headers = response?.headers() ?? {};
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBeTruthy();
  });
});
