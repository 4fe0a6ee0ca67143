// What a page's first load may not carry. Starting from every page, layout and boundary under
// app/, the test follows static imports to the client components ("use client") and from there
// everything they import, which is what the browser downloads with the page. zod is for checking a
// form or an answer and loads with the first check or the request; msal-browser loads when the
// operator reaches a sign-in button. Code behind import() or next/dynamic is not followed: it
// loads when it is used. Read from the file system, so a new page or component cannot forget.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { projectRoot, resolveImport, valueImports, zodImportsOf } from "@/lib/testing/module-graph";

const loadedOnUse = ["zod", "@azure/msal-browser"];
const entryNames = new Set(["page.tsx", "layout.tsx", "error.tsx", "loading.tsx", "not-found.tsx", "template.tsx", "global-error.tsx"]);

function entries(): string[] {
  return readdirSync(path.join(projectRoot, "app"), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entryNames.has(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

function isClientModule(file: string, text: string): boolean {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const first = source.statements[0];
  return first !== undefined && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) && first.expression.text === "use client";
}

const isPackage = (specifier: string, name: string) => specifier === name || specifier.startsWith(`${name}/`);

/** "a.tsx -> b.ts -> zod" for each package of `loadedOnUse` a client bundle reaches statically. */
export function firstLoadOffenders(startFiles: string[]): string[] {
  const offenders = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string, client: boolean, trail: string[]) => {
    const key = `${client}:${file}`;
    if (seen.has(key)) return;
    seen.add(key);
    const text = readFileSync(file, "utf8");
    const inClient = client || isClientModule(file, text);
    const here = [...trail, path.relative(projectRoot, file)];
    for (const specifier of valueImports(file, text)) {
      const banned = loadedOnUse.find((name) => isPackage(specifier, name));
      if (banned && inClient) offenders.add([...here, banned].join(" -> "));
      const next = resolveImport(specifier, file);
      if (next) visit(next, inClient, here);
    }
  };
  for (const file of startFiles) visit(file, false, []);
  return [...offenders];
}

describe("first-load JavaScript", () => {
  it("finds the pages and follows server imports to the client components", () => {
    const files = entries();
    expect(files.some((file) => file.endsWith(path.join("settings", "page.tsx")))).toBe(true);
    expect(files.length).toBeGreaterThan(15);
  });

  it("names a client component that imports zod, through the page that renders it", () => {
    const fixture = path.join(projectRoot, "lib/testing/fixtures/first-load/page.tsx");
    expect(firstLoadOffenders([fixture])).toEqual(["lib/testing/fixtures/first-load/page.tsx -> lib/testing/fixtures/first-load/form.tsx -> zod"]);
  });

  it("no page's client components bring zod or msal-browser with them", () => {
    expect(firstLoadOffenders(entries())).toEqual([]);
  });

  // So the test above cannot pass for want of zod: each form's checks are zod, imported on use.
  it.each([
    ["components/settings/agent-app-form-schema.ts", "components/settings/agent-app-form.tsx", 'import("./agent-app-form-schema")'],
    ["components/connectors/new/new-connector-form-schema.ts", "components/connectors/new/new-connector-form.tsx", 'import("./new-connector-form-schema")'],
    ["components/agent-access/agent-identity-form-schema.ts", "components/agent-access/agent-identities-panel.tsx", 'import("./agent-identity-form-schema")'],
    ["components/agent-access/api-token-form-schema.ts", "components/agent-access/api-tokens-panel.tsx", 'import("./api-token-form-schema")'],
  ])("%s brings zod and is loaded on use by %s", (module, loader, dynamicImport) => {
    expect(zodImportsOf(module)).not.toEqual([]);
    expect(readFileSync(path.join(projectRoot, loader), "utf8")).toContain(dynamicImport);
  });
});
