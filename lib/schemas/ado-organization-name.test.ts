// The zod-free organization name rule the new connector form asks Azure DevOps with must accept
// exactly the names the handler's schema accepts: a name the schema refuses is never sent to be
// checked, and one it accepts always is.
import { describe, expect, it } from "vitest";
import { isAdoOrganizationName } from "./ado-organization-name";
import { adoOrganizationSchema } from "./connector";

const names = [
  "litware",
  "Litware-Dev",
  "  litware  ",
  "a",
  "0",
  "a-b",
  "a".repeat(50),
  "a".repeat(51),
  ` ${"b".repeat(50)} `,
  "",
  "   ",
  "-litware",
  "litware-",
  "-",
  "lit ware",
  "lit_ware",
  "lit.ware",
  "litwäre",
  "lit\u0000ware",
  "lit\ud800ware",
  "\ud800",
  "litware\n",
  "dev.azure.com/litware",
];

describe("isAdoOrganizationName", () => {
  it.each(names.map((name) => [JSON.stringify(name), name]))("agrees with the handler's schema on %s", (_, name) => {
    expect(isAdoOrganizationName(name)).toBe(adoOrganizationSchema.safeParse(name).success);
  });

  it("accepts a valid name and refuses an invalid one, so the comparison above is not vacuous", () => {
    expect(isAdoOrganizationName(" Litware-Dev ")).toBe(true);
    expect(isAdoOrganizationName("litware-")).toBe(false);
    expect(isAdoOrganizationName("a".repeat(51))).toBe(false);
  });
});
