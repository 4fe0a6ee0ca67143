// Accessibility check for e2e specs: axe-core run in the page. Its source is evaluated through the
// DevTools protocol, so the portal's Content-Security-Policy (no inline scripts) stays as it is.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";

type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

let source: string | null = null;
const axeSource = () => (source ??= readFileSync(path.join(process.cwd(), "node_modules", "axe-core", "axe.min.js"), "utf8"));

/** The page's WCAG 2.x A/AA violations, as "rule: help (selectors)" lines; [] when there are none. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource());
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations;
  });
  return violations.map((violation) => `${violation.id} (${violation.impact ?? "?"}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}
