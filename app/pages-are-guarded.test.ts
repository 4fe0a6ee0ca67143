// Every page.tsx under app/ starts with the guard, found from the file system so a new page is
// covered without anyone remembering. App Router renders a page in parallel with its layout, so
// only a check on the page's own first line keeps its data from streaming (the e2e spec
// e2e/auth/page-guard.spec.ts checks the answers of the running server).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { pagePermissionsOf, publicPagePaths } from "@/lib/server/auth/page-access";

const appDir = path.resolve(import.meta.dirname);
const guard = /^(const \w+ = |const \{[^}]*\} = )?await require(Operator\([^)]+\)|SignedIn\(\));$/;

function pages(): { route: string; file: string }[] {
  return (readdirSync(appDir, { recursive: true, encoding: "utf8" }) as string[])
    .filter((file) => path.basename(file) === "page.tsx")
    .map((file) => ({
      file,
      route: `/${path
        .dirname(file)
        .split(path.sep)
        .filter((segment) => segment !== "." && !/^\(.*\)$/.test(segment))
        .join("/")}`,
    }));
}

/** The first statement of the default export and of generateMetadata, when there is one. */
function firstStatements(file: string): Record<string, string | undefined> {
  const source = ts.createSourceFile(file, readFileSync(path.join(appDir, file), "utf8"), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: Record<string, string | undefined> = {};
  for (const statement of source.statements) {
    if (!ts.isFunctionDeclaration(statement)) continue;
    const modifiers = ts.getModifiers(statement)?.map((modifier) => modifier.kind) ?? [];
    const name = modifiers.includes(ts.SyntaxKind.DefaultKeyword) ? "page" : statement.name?.text === "generateMetadata" ? "generateMetadata" : null;
    if (name && modifiers.includes(ts.SyntaxKind.ExportKeyword)) found[name] = statement.body?.statements[0]?.getText(source).replace(/\s+/g, " ");
  }
  return found;
}

describe("every page is guarded on its first line", () => {
  const all = pages();

  it("finds the pages, and every public page exists", () => {
    expect(all.map((page) => page.route)).toEqual(expect.arrayContaining(["/audit", "/connectors/[id]", ...publicPagePaths]));
  });

  it.each(all.filter((page) => !(publicPagePaths as readonly string[]).includes(page.route)))("$route", ({ file, route }) => {
    const statements = firstStatements(file);
    expect(statements.page, `${file} has no default export function`).toBeDefined();
    for (const [where, statement] of Object.entries(statements)) expect(statement, `${file} ${where}`).toMatch(guard);
    // proxy.ts refuses early with the same permissions, so a refusal stays a bare redirect.
    const asked = [...(statements.page ?? "").matchAll(/"([a-z]+\.[a-z]+)"/g)].map((match) => match[1]);
    expect([...pagePermissionsOf(route.replace("[id]", "some-id"))].sort(), `proxy.ts's gate for ${route}`).toEqual(asked.sort());
  });
});
