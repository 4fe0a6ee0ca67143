// The browser talks to the portal's API through lib/client/api only: every component, page and
// client helper is read from the file system, and any call of fetch (bare, window.fetch,
// globalThis.fetch, self.fetch) outside lib/client/api is named. Route handlers (app/api),
// server-only files and tests are not client code and are left out.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");
const scanned = ["components", "app", "lib/client"];
const allowed = ["lib/client/api/"];

function clientFiles(): string[] {
  return scanned.flatMap((dir) =>
    (readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" }) as string[])
      .map((file) => path.posix.join(dir, file.split(path.sep).join("/")))
      .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file) && !file.endsWith(".d.ts"))
      .filter((file) => !file.startsWith("app/api/") && !allowed.some((prefix) => file.startsWith(prefix))),
  );
}

/** Line numbers of every fetch call in the source; none for a server-only file. */
export function directFetchCalls(fileName: string, text: string): number[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, fileName.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  if (source.statements.some((statement) => ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) && statement.moduleSpecifier.text === "server-only")) return [];
  const lines: number[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isFetch =
        (ts.isIdentifier(callee) && callee.text === "fetch") ||
        (ts.isPropertyAccessExpression(callee) && callee.name.text === "fetch" && ts.isIdentifier(callee.expression) && ["window", "globalThis", "self"].includes(callee.expression.text));
      if (isFetch) lines.push(source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return lines;
}

describe("no component calls fetch directly", () => {
  it("finds the client code it scans", () => {
    const files = clientFiles();
    expect(files).toEqual(expect.arrayContaining(["components/connectors/new/new-connector-form.tsx", "components/sources/wizard/add-repository-wizard.tsx", "lib/client/use-organization-check.ts"]));
    expect(files.some((file) => file.startsWith("app/api/"))).toBe(false);
  });

  it("names each call it finds, and skips comments, strings, refetch() and server-only files", () => {
    const client = ['"use client";', '// fetch("/api/x") in a comment', 'const text = "fetch(";', "refetch();", 'await fetch("/api/x");', 'window.fetch("/api/y");'].join("\n");
    expect(directFetchCalls("sample.tsx", client)).toEqual([5, 6]);
    expect(directFetchCalls("server.ts", ['import "server-only";', 'await fetch("https://example.com");'].join("\n"))).toEqual([]);
  });

  it("components, pages and client helpers go through lib/client/api", () => {
    const offenders = clientFiles().flatMap((file) => directFetchCalls(file, readFileSync(path.join(root, file), "utf8")).map((line) => `${file}:${line}`));
    expect(offenders, `call the typed client in lib/client/api instead of fetch in: ${offenders.join(", ")}`).toEqual([]);
  });
});
