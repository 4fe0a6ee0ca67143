// Screenshots of the main pages in the light and the dark color scheme, for the README, taken
// against a throwaway production portal with the default world's connectors, created through the
// portal's API so that every status and failure is the product's own (see scripts/demo-portal.ts). Each
// page is also checked with axe (WCAG 2.x A/AA) in both schemes; violations fail the run.
//
//   npm run screenshots     → docs/screenshots/<page>-light.png and <page>-dark.png
import { mkdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { chromium, type Page } from "playwright-core";
import { chromiumArgs, chromiumPath, startDemoPortal } from "./demo-portal";

const outDir = path.resolve("docs/screenshots");

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const portal = await startDemoPortal();
  await portal.seedThroughApi();
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  const problems: string[] = [];
  try {
    const pages: { name: string; route: string; ready?: (page: Page) => Promise<void> }[] = [
      { name: "connectors", route: "/connectors" },
      { name: "connector-kusto", route: `/connectors/${portal.connectors["Litware telemetry"]}` },
      { name: "connector-ado", route: `/connectors/${portal.connectors["Litware"]}` },
      { name: "connector-failing", route: `/connectors/${portal.connectors["Fabrikam"]}` },
      { name: "health", route: "/health" },
      { name: "add-repository", route: "/knowledge-sources/new" },
      { name: "tenants", route: "/tenants" },
      { name: "settings", route: "/settings" },
    ];
    for (const colorScheme of ["light", "dark"] as const) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, colorScheme });
      await context.addCookies([await portal.sessionCookie("admin")]);
      const page = await context.newPage();
      for (const { name, route } of pages) {
        const response = await page.goto(`${portal.url}${route}`, { waitUntil: "networkidle" });
        if (!response || response.status() >= 400) throw new Error(`${route} answered ${response?.status() ?? "nothing"}`);
        const file = path.join(outDir, `${name}-${colorScheme}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(`saved ${path.relative(process.cwd(), file)}`);
        const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).exclude("iframe").analyze();
        for (const violation of result.violations) {
          problems.push(`${route} (${colorScheme}) ${violation.id}: ${violation.help} — ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
        }
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await portal.stop();
  }
  if (problems.length > 0) {
    console.error(`axe violations:\n${problems.join("\n")}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
