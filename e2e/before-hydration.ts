// A page opened on a slow connection: the server-rendered HTML is there and takes typing while
// the page's JavaScript is still on its way. `release` lets the scripts load (and fails when no
// script was held, so a test cannot pass without the page having been typed into first); the
// page then comes alive with what was typed.
import { expect, type Page } from "@playwright/test";

const isScript = (url: URL) => url.pathname.startsWith("/_next/static/") && url.pathname.endsWith(".js");

export async function openBeforeHydration(page: Page, path: string): Promise<() => Promise<void>> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let heldScripts = 0;
  await page.route(isScript, async (route) => {
    heldScripts += 1;
    await held;
    await route.continue();
  });
  await page.goto(path, { waitUntil: "domcontentloaded" });
  return async () => {
    expect(heldScripts, "scripts held back until the page was typed into").toBeGreaterThan(0);
    release();
  };
}
