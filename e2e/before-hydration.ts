// A page opened on a slow connection: the server-rendered HTML is there and takes typing while
// the page's JavaScript is still on its way. `release` lets the scripts load; the page then
// comes alive with what was typed.
import type { Page } from "@playwright/test";

const scripts = "**/_next/static/**/*.js";

export async function openBeforeHydration(page: Page, path: string): Promise<() => Promise<void>> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(scripts, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(path, { waitUntil: "domcontentloaded" });
  return async () => release();
}
