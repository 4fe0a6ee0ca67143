// Screenshots of the portal for the README and for design review, taken with Debian's Chromium.
//
//   npx tsx e2e/screenshots/take-screenshots.ts [baseUrl]
//
// baseUrl defaults to $TB_SCREENSHOT_BASE_URL or http://localhost:3100. With
// TB_SCREENSHOT_DB=/path/to/scratch.db (the SQLite file the running portal uses) the script
// signs in by writing a session row, shoots the empty state, seeds demo connectors and shoots
// the list; that database's connectors are replaced. PNGs go to .screenshots/ (git-ignored).
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Page } from "playwright-core";
import { clearConnectors, createOperatorSession, openDemoDb, seedConnectors } from "./demo-data";

const baseUrl = (process.argv[2] ?? process.env.TB_SCREENSHOT_BASE_URL ?? "http://localhost:3100").replace(/\/+$/, "");
const databaseFile = process.env.TB_SCREENSHOT_DB;
const outDir = path.resolve(".screenshots");
const executablePath = process.env.TB_CHROMIUM ?? "/usr/bin/chromium";

async function shoot(page: Page, route: string, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  const response = await page.goto(`${baseUrl}${route}`, { waitUntil: "networkidle" });
  if (!response || response.status() >= 400) throw new Error(`${route} answered ${response?.status() ?? "nothing"}`);
  const file = path.join(outDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: options.fullPage ?? true });
  console.log(`saved ${path.relative(process.cwd(), file)}`);
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const db = databaseFile ? openDemoDb(databaseFile) : undefined;
  const browser = await chromium.launch({
    executablePath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
    const cspViolations: string[] = [];
    context.on("console", (message) => {
      if (message.type() === "error" && /Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    if (db) {
      const token = await createOperatorSession(db, "admin");
      await context.addCookies([{ name: "tb_session", value: token, url: baseUrl, httpOnly: true, sameSite: "Lax" }]);
      await clearConnectors(db);
    }
    const page = await context.newPage();

    await shoot(page, "/connectors", "connectors-empty");
    if (db) {
      await seedConnectors(db);
      await shoot(page, "/connectors", "connectors-list");
      await shoot(page, "/connectors?status=failing", "connectors-filtered");
    }
    await shoot(page, "/connectors/new", "connectors-new");
    await shoot(page, "/knowledge-sources", "knowledge-sources");
    await shoot(page, "/health", "health");
    await shoot(page, "/audit", "audit-log");
    await shoot(page, "/settings", "settings");

    // The shell at the narrowest width it is designed for.
    await page.setViewportSize({ width: 1024, height: 768 });
    await shoot(page, "/connectors", "connectors-list-1024", { fullPage: false });

    // Keyboard: the first Tab lands on the skip link, and it must be visible.
    await page.goto(`${baseUrl}/connectors`, { waitUntil: "networkidle" });
    await page.keyboard.press("Tab");
    await page.screenshot({ path: path.join(outDir, "skip-link-focus.png"), clip: { x: 0, y: 0, width: 600, height: 120 } });

    if (db) {
      const readerContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const token = await createOperatorSession(db, "reader");
      await readerContext.addCookies([{ name: "tb_session", value: token, url: baseUrl, httpOnly: true, sameSite: "Lax" }]);
      const readerPage = await readerContext.newPage();
      await shoot(readerPage, "/connectors", "connectors-list-reader");
    }

    if (cspViolations.length > 0) {
      console.error(`Content-Security-Policy violations:\n${cspViolations.join("\n")}`);
      process.exitCode = 1;
    }
  } finally {
    await browser.close();
    await db?.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
