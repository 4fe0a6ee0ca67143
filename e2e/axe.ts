// Accessibility check with axe-core (WCAG 2 A and AA rules) on the page as it is now. axe-core is
// injected as a script tag, which the portal's Content-Security-Policy (nonce-only scripts)
// refuses, so specs that call this run with `test.use({ bypassCSP: true })`.
import { createRequire } from "node:module";
import type { Page } from "@playwright/test";

const axePath = createRequire(__filename).resolve("axe-core/axe.min.js");

export type AxeViolation = { id: string; impact: string | null; help: string; targets: string[] };

export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    type Result = { violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] };
    const axe = (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<Result> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, targets: nodes.map((node) => node.target.join(" ")) }));
  });
}
