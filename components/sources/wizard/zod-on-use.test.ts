// /knowledge-sources/new does not download zod on its first load: the wizard (loaded at mount by
// wizard-loader) and the panels of its sign-in step import nothing that brings zod. What needs zod
// comes when it is used: the naming rules once the platform is chosen, the check of a draft saved
// by an earlier page load when there is one, the PAT form's check with its first check, and the
// OAuth popup's message schema with the start of a sign-in.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot, zodImportsOf } from "@/lib/testing/module-graph";

const dir = "components/sources/wizard";
const loadedOnUse = [`${dir}/name-rules.ts`];
const wizardFiles = () =>
  readdirSync(path.join(projectRoot, dir))
    .filter((file) => /\.tsx?$/.test(file) && !file.endsWith(".test.ts"))
    .map((file) => `${dir}/${file}`)
    .filter((file) => !loadedOnUse.includes(file));
const source = (file: string) => readFileSync(path.join(projectRoot, file), "utf8");

describe("zod on use: /knowledge-sources/new", () => {
  it("finds the wizard and its steps", () => {
    expect(wizardFiles()).toEqual(
      expect.arrayContaining([`${dir}/wizard-loader.tsx`, `${dir}/add-repository-wizard.tsx`, `${dir}/auth-step.tsx`, `${dir}/use-wizard.ts`, `${dir}/wizard-progress.ts`]),
    );
    expect(source("app/(portal)/knowledge-sources/new/page.tsx")).toContain(`@/${dir}/wizard-loader`);
    expect(source(`${dir}/wizard-loader.tsx`)).toContain('import("./add-repository-wizard")');
  });

  it.each([...wizardFiles(), "components/connectors/oauth/oauth-connect-panel.tsx", "components/connectors/pat/pat-panel.tsx", "lib/client/wizard-draft.ts"])(
    "%s imports nothing that brings zod",
    (file) => {
      expect(zodImportsOf(file)).toEqual([]);
    },
  );

  it.each([
    [`${dir}/name-rules.ts`, `${dir}/name-rules-loader.ts`, 'import("./name-rules")'],
    ["lib/client/wizard-draft-schema.ts", `${dir}/use-wizard.ts`, 'import("@/lib/client/wizard-draft-schema")'],
    ["components/connectors/pat/pat-form-schema.ts", "components/connectors/pat/pat-form.tsx", 'import("./pat-form-schema")'],
    ["lib/schemas/connector-oauth.ts", "components/connectors/oauth/use-oauth-popup.ts", 'import("@/lib/schemas/connector-oauth")'],
  ])("%s brings zod and is loaded on use by %s", (module, loader, dynamicImport) => {
    expect(zodImportsOf(module)).not.toEqual([]);
    expect(source(loader)).toContain(dynamicImport);
  });
});
