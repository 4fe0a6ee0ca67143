import { describe, expect, it } from "vitest";
import { createConnectorSchema, updateConnectorSchema } from "./connector";
import { generateFicSchema } from "./fic";
import { validatePermissionsSchema } from "./permission-check";
import { createSourceSchema, updateSourceSchema } from "./source";
import { NO_NUL_MESSAGE, text, WELL_FORMED_TEXT_MESSAGE } from "./text";

const lone = "\ud800";

describe("text", () => {
  it("accepts well-formed text, including astral characters written as surrogate pairs", () => {
    expect(text().trim().max(10).parse(" 😀 Litware ")).toBe("😀 Litware");
  });

  it("refuses lone high and low surrogates with its message", () => {
    for (const value of [lone, "a\udc00b", `${lone}x`, "x\ud83d"]) {
      const result = text().safeParse(value);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe(WELL_FORMED_TEXT_MESSAGE);
    }
  });

  it("refuses NUL, which PostgreSQL text cannot hold", () => {
    for (const value of ["\u0000", "Lit\u0000ware"]) expect(text().safeParse(value).error?.issues[0]?.message).toBe(NO_NUL_MESSAGE);
  });
});

// The fields that reached the database or Azure DevOps with a lone surrogate and gave a 500.
describe("every request schema refuses a lone surrogate, naming the field", () => {
  const cases: [string, { safeParse(value: unknown): { success: boolean; error?: { issues: { path: PropertyKey[] }[] } } }, unknown, string][] = [
    ["connector displayName", createConnectorSchema, { kind: "ado", organization: "litware", authMethod: "pat", displayName: `Lit${lone}` }, "displayName"],
    ["connector rename", updateConnectorSchema, { version: 1, displayName: lone }, "displayName"],
    ["source displayName", createSourceSchema, { connectorId: "c1", project: "Payments", repository: "api", displayName: lone }, "displayName"],
    ["source description", updateSourceSchema, { version: 1, description: `about ${lone}` }, "description"],
    ["permission project", validatePermissionsSchema, { project: `Pay${lone}`, repositories: ["api"] }, "project"],
    ["FIC target organization", generateFicSchema, { inputs: {}, target: { kind: "ado", organization: lone } }, "target.organization"],
    ["permission repositories[]", validatePermissionsSchema, { project: "Payments", repositories: ["api", lone] }, "repositories.1"],
  ];
  it.each(cases)("%s", (_name, schema, input, field) => {
    const result = schema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toContain(field);
  });
});
