// /connectors/new does not download zod on its first load: the client components the page renders
// import nothing that brings zod, and the form's checks (zod and the handler's schema) come with
// its first check, from new-connector-form-schema.ts.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot, zodImportsOf } from "@/lib/testing/module-graph";

const dir = "components/connectors/new";
const clientComponents = () =>
  readdirSync(path.join(projectRoot, dir))
    .filter((file) => file.endsWith(".tsx") && readFileSync(path.join(projectRoot, dir, file), "utf8").startsWith('"use client"'))
    .map((file) => `${dir}/${file}`);

describe("zod on use: /connectors/new", () => {
  it("finds the page's client components", () => {
    expect(clientComponents()).toEqual(expect.arrayContaining([`${dir}/new-connector-form.tsx`, `${dir}/choice-cards.tsx`, `${dir}/organization-existence.tsx`]));
    expect(readFileSync(path.join(projectRoot, "app/(portal)/connectors/new/page.tsx"), "utf8")).toContain(`@/${dir}/new-connector-form`);
  });

  it.each(clientComponents())("%s imports nothing that brings zod", (file) => {
    expect(zodImportsOf(file)).toEqual([]);
  });

  it("the form's checks are zod, loaded on use", () => {
    expect(zodImportsOf(`${dir}/new-connector-form-schema.ts`)).not.toEqual([]);
    expect(readFileSync(path.join(projectRoot, dir, "new-connector-form.tsx"), "utf8")).toContain('import("./new-connector-form-schema")');
  });
});
