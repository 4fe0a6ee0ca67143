// On a phone (390 px wide) every page fits the screen: the navigation is a row that scrolls by
// itself, tables scroll inside their cards, and nothing pushes the page sideways.
import { deleteAllConnectors, expect, test } from "../fixtures";

const pages = ["/connectors", "/connectors/new", "/knowledge-sources", "/knowledge-sources/new", "/health", "/audit", "/settings"];

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("every page fits the width, and the navigation stays reachable", async ({ api, page }) => {
    await deleteAllConnectors(api);
    const created = await api.post("/api/connectors", { data: { kind: "ado", organization: "litware", authMethod: "oauth" } });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };

    for (const path of [...pages, `/connectors/${id}`]) {
      await page.goto(path);
      await expect(page.locator("main h1").first()).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect.soft(overflow, `${path} overflows sideways by ${overflow}px`).toBeLessThanOrEqual(0);
    }
    await page.goto("/connectors");
    await page.screenshot({ path: ".screenshots/shell/connectors-390.png", fullPage: true });
    const nav = page.getByRole("navigation", { name: "Main" });
    // The row scrolls sideways, so the last item is reachable, and it navigates.
    await nav.getByRole("link", { name: "Settings" }).click();
    await expect(page).toHaveURL(/\/settings$/);
    const width = await nav.evaluate((element) => element.getBoundingClientRect().width);
    expect(width).toBeLessThanOrEqual(390);
  });
});
