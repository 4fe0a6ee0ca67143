// The API modules load the zod schemas of the answers they parse with the call (SchemaSource), so
// a page whose only use of zod is parsing answers (the shell's sign-out, "Check now", "Check all
// tenants", the sign-in) does not download zod on its first load. Each module is read from the file
// system and every static import that brings zod with it (directly or through the modules it
// imports) is named.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");
const dir = path.join(root, "lib/client/api");
/** The answers' schemas themselves: imported on demand by the others. */
const schemaModules = ["answers.ts"];

function apiModules(): string[] {
  return readdirSync(dir).filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file) && !schemaModules.includes(file));
}

/** Modules a file imports or re-exports as values (not `import type`, not a dynamic import()). */
export function valueImports(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, fileName.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) continue;
    const specifier = statement.moduleSpecifier;
    if (!specifier || !ts.isStringLiteral(specifier)) continue;
    if (ts.isExportDeclaration(statement)) {
      if (!statement.isTypeOnly) found.push(specifier.text);
      continue;
    }
    const clause = statement.importClause;
    if (clause?.isTypeOnly) continue;
    const bindings = clause?.namedBindings;
    const onlyTypes = clause !== undefined && !clause.name && bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.every((element) => element.isTypeOnly);
    if (!onlyTypes) found.push(specifier.text);
  }
  return found;
}

/** The source file of a project import ("@/…" or relative), undefined for a package. */
function resolve(specifier: string, fromFile: string): string | undefined {
  const base = specifier.startsWith("@/") ? path.join(root, specifier.slice(2)) : specifier.startsWith(".") ? path.resolve(path.dirname(fromFile), specifier) : undefined;
  if (!base) return undefined;
  return [".ts", ".tsx", "/index.ts"].map((extension) => base + extension).find((file) => existsSync(file));
}

/** Whether importing this module loads zod, directly or through the project modules it imports. */
function bringsZod(specifier: string, fromFile: string, seen = new Set<string>()): boolean {
  if (specifier === "zod" || specifier.startsWith("zod/")) return true;
  const file = resolve(specifier, fromFile);
  if (!file || seen.has(file)) return false;
  seen.add(file);
  return valueImports(file, readFileSync(file, "utf8")).some((next) => bringsZod(next, file, seen));
}

describe("the typed client loads answer schemas on demand", () => {
  it("finds the modules it scans", () => {
    expect(apiModules()).toEqual(expect.arrayContaining(["client.ts", "auth.ts", "connectors.ts", "tenants.ts", "sources.ts"]));
  });

  it("names value imports and re-exports, and lets type imports and import() through", () => {
    const sample = [
      'import { z } from "zod";',
      'import type { z as zt } from "zod";',
      'import { type SourceDto, type AreaDto } from "@/lib/schemas/source";',
      'import { sourceSchema, type SourceDto as S } from "@/lib/schemas/responses/core";',
      'import "@/lib/schemas/tenants";',
      'export { nonceSchema } from "./answers";',
      'const later = () => import("@/lib/schemas/tenants");',
    ].join("\n");
    expect(valueImports("sample.ts", sample)).toEqual(["zod", "@/lib/schemas/responses/core", "@/lib/schemas/tenants", "./answers"]);
  });

  it("follows project imports to zod", () => {
    const from = path.join(dir, "client.ts");
    expect(bringsZod("@/lib/schemas/responses/core", from)).toBe(true);
    expect(bringsZod("./answers", from)).toBe(true);
    expect(bringsZod("@/lib/schemas/hop-stream", from)).toBe(false);
  });

  it("no API module imports zod or a schema module statically", () => {
    const offenders = apiModules().flatMap((file) => {
      const fullPath = path.join(dir, file);
      return valueImports(fullPath, readFileSync(fullPath, "utf8"))
        .filter((name) => bringsZod(name, fullPath))
        .map((name) => `${file}: ${name}`);
    });
    expect(offenders, `import these with the call (schema: () => import(...)): ${offenders.join(", ")}`).toEqual([]);
  });

  it("the client components of pages without a form bring no zod with them", () => {
    // Each is the client boundary of a page (or of a part of one) that shows or calls, but never
    // validates a form: zod would be first-load JavaScript there for nothing.
    const formless = [
      "components/shell/sign-out-button.tsx",
      "components/shell/side-nav.tsx",
      "components/auth/sign-in-panel.tsx",
      "components/health/check-now-button.tsx",
      "components/tenants/check-all-tenants-button.tsx",
      "components/sources/edit-source-button.tsx",
    ];
    const offenders = formless.flatMap((file) => {
      const fullPath = path.join(root, file);
      return valueImports(fullPath, readFileSync(fullPath, "utf8"))
        .filter((name) => bringsZod(name, fullPath))
        .map((name) => `${file}: ${name}`);
    });
    expect(offenders).toEqual([]);
  });

  it("a form that is one of several things on its page loads its checks with the first check", () => {
    // Settings shows the portal's identity and settings; the agent app form's zod comes with its first check.
    const file = "components/settings/agent-app-panel.tsx";
    const fullPath = path.join(root, file);
    const offenders = valueImports(fullPath, readFileSync(fullPath, "utf8")).filter((name) => bringsZod(name, fullPath));
    expect(offenders).toEqual([]);
    expect(bringsZod("./agent-app-form-schema", fullPath)).toBe(true);
  });
});
