// /settings/agent-access does not download zod on its first load: the panels the page renders
// import nothing that brings zod, and each form's checks (zod and the handler's schemas) come with
// its first check, from agent-identity-form-schema.ts and api-token-form-schema.ts.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot, zodImportsOf } from "@/lib/testing/module-graph";

const dir = "components/agent-access";
const clientComponents = () =>
  readdirSync(path.join(projectRoot, dir))
    .filter((file) => file.endsWith(".tsx") && readFileSync(path.join(projectRoot, dir, file), "utf8").startsWith('"use client"'))
    .map((file) => `${dir}/${file}`);

describe("zod on use: /settings/agent-access", () => {
  it("finds the page's client components", () => {
    expect(clientComponents()).toEqual(expect.arrayContaining([`${dir}/agent-identities-panel.tsx`, `${dir}/api-tokens-panel.tsx`]));
    const page = readFileSync(path.join(projectRoot, "app/(portal)/settings/agent-access/page.tsx"), "utf8");
    expect(page).toContain(`@/${dir}/agent-identities-panel`);
    expect(page).toContain(`@/${dir}/api-tokens-panel`);
  });

  it.each(clientComponents())("%s imports nothing that brings zod", (file) => {
    expect(zodImportsOf(file)).toEqual([]);
  });

  it.each([
    ["agent-identities-panel.tsx", "agent-identity-form-schema"],
    ["api-tokens-panel.tsx", "api-token-form-schema"],
  ])("%s's checks are zod, loaded on use from %s", (panel, schema) => {
    expect(zodImportsOf(`${dir}/${schema}.ts`)).not.toEqual([]);
    expect(readFileSync(path.join(projectRoot, dir, panel), "utf8")).toContain(`import("./${schema}")`);
  });
});
