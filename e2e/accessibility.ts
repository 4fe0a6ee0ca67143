// Accessibility checks for e2e specs with @axe-core/playwright: WCAG 2.0/2.1 A and AA rules, in
// the light and the dark color scheme. axe runs through the debugging protocol, so the portal's
// Content-Security-Policy (nonce-only scripts) stays as it ships.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

const tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** The page's violations as "rule (impact): help — selectors" lines; [] when there are none. */
export async function axeViolations(page: Page): Promise<string[]> {
  // The sign-in library's hidden renewal frames belong to the identity provider, not the portal.
  const result = await new AxeBuilder({ page }).withTags(tags).exclude("iframe").analyze();
  return result.violations.map((violation) => `${violation.id} (${violation.impact ?? "?"}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}

/**
 * Fails with the violations listed when the page, as it is now, breaks a WCAG A/AA rule in the
 * light or the dark color scheme. The page is left in the scheme it was in.
 */
export async function expectAccessible(page: Page): Promise<void> {
  // Two scans take a few seconds on a busy machine: they get their own time, not the test's.
  test.info().setTimeout(test.info().timeout + 20_000);
  const found: Record<string, string[]> = {};
  const scheme = await page.evaluate(() => (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light"));
  for (const colorScheme of ["light", "dark"] as const) {
    // Links and buttons change colour with a transition; under reduced motion the portal's styles
    // make it instant, so axe measures the scheme's own colours rather than a mix of both.
    await page.emulateMedia({ colorScheme, reducedMotion: "reduce" });
    const violations = await axeViolations(page);
    if (violations.length > 0) found[colorScheme] = violations;
  }
  await page.emulateMedia({ colorScheme: scheme, reducedMotion: null });
  expect(found, `axe violations on ${page.url()}`).toEqual({});
}
