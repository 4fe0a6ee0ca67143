// The project's static import graph, read from the source files: which modules a file imports as
// values, and the chain by which one of them brings a package (zod) into a client bundle. Tests
// use it to keep libraries out of pages' first-load JavaScript.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

export const projectRoot = path.resolve(import.meta.dirname, "../..");

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
export function resolveImport(specifier: string, fromFile: string): string | undefined {
  const base = specifier.startsWith("@/") ? path.join(projectRoot, specifier.slice(2)) : specifier.startsWith(".") ? path.resolve(path.dirname(fromFile), specifier) : undefined;
  if (!base) return undefined;
  return [".ts", ".tsx", "/index.ts", "/index.tsx"].map((extension) => base + extension).find((file) => existsSync(file));
}

const isZod = (specifier: string) => specifier === "zod" || specifier.startsWith("zod/");

/**
 * How importing `specifier` from `fromFile` loads zod: the project files on the way, then "zod";
 * undefined when it does not.
 */
export function zodChain(specifier: string, fromFile: string, seen = new Set<string>()): string[] | undefined {
  if (isZod(specifier)) return [specifier];
  const file = resolveImport(specifier, fromFile);
  if (!file || seen.has(file)) return undefined;
  seen.add(file);
  for (const next of valueImports(file, readFileSync(file, "utf8"))) {
    const chain = zodChain(next, file, seen);
    if (chain) return [path.relative(projectRoot, file), ...chain];
  }
  return undefined;
}

/** Whether importing this module loads zod, directly or through the project modules it imports. */
export function bringsZod(specifier: string, fromFile: string): boolean {
  return zodChain(specifier, fromFile) !== undefined;
}

/** Each static import of a project file that brings zod, as "file: a -> b -> zod". */
export function zodImportsOf(file: string): string[] {
  const fullPath = path.join(projectRoot, file);
  return valueImports(fullPath, readFileSync(fullPath, "utf8")).flatMap((specifier) => {
    const chain = zodChain(specifier, fullPath);
    return chain ? [`${file}: ${chain.join(" -> ")}`] : [];
  });
}
