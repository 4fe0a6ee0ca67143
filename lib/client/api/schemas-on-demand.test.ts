// The API modules load the zod schemas of the answers they parse with the call (SchemaSource), so
// a page whose only use of zod is parsing answers (the shell's sign-out, "Check now", "Check all
// tenants", the sign-in) does not download zod on its first load. Each module is read from the file
// system and every static import that brings zod with it (directly or through the modules it
// imports) is named. Whether any page's client components bring zod is first-load-imports.test.ts.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { bringsZod, projectRoot as root, valueImports } from "@/lib/testing/module-graph";

const dir = path.join(root, "lib/client/api");
/** The answers' schemas themselves: imported on demand by the others. */
const schemaModules = ["answers.ts"];

function apiModules(): string[] {
  return readdirSync(dir).filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file) && !schemaModules.includes(file));
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
});
