// The agent identity forms' checks, as the panel runs them once loaded: the ids with the handler's
// field schemas, the assignments named by line, and the body the handler takes when all is well.
import { describe, expect, it } from "vitest";
import type { ResolverOptions } from "react-hook-form";
import { editAssignmentsResolver, registerIdentityResolver, type RegisterIdentityFields } from "./agent-identity-form-schema";

const options = <T extends Record<string, string>>() => ({ fields: {}, shouldUseNativeValidation: false }) as ResolverOptions<T>;
const tenantId = "c0550000-0000-4000-8000-000000000001";
const principalId = "a9e00000-0000-4000-8000-0000000000c2";

const register = (fields: Partial<RegisterIdentityFields>) =>
  registerIdentityResolver({ tenantId, principalId, displayName: "", assignments: "", ...fields }, undefined, options<RegisterIdentityFields>());

describe("the register identity form's check", () => {
  it("names a bad id on its field and a bad assignment by its line, together", async () => {
    const { errors } = await register({ tenantId: "not-a-guid", assignments: "litware\n-bad-\nhttps://help.kusto.windows.net Samples" });
    expect(errors.tenantId?.message).toBe("must be a GUID like 00000000-0000-0000-0000-000000000000");
    expect(errors.principalId).toBeUndefined();
    expect(errors.assignments?.message).toBe("Line 2: organization may contain only letters, digits and hyphens, and cannot start or end with a hyphen.");
  });

  it("hands the handler's body over when every line is good", async () => {
    const { values, errors } = await register({ displayName: "Agent", assignments: " Litware \n\nhttps://help.kusto.windows.net Samples" });
    expect(errors).toEqual({});
    expect(values).toEqual({
      tenantId,
      principalId,
      displayName: "Agent",
      assignments: [{ organization: "litware" }, { clusterUrl: "https://help.kusto.windows.net", database: "Samples" }],
    });
  });
});

describe("the edit assignments form's check", () => {
  it("names a bad database by its line and sends the version read with good lines", async () => {
    const resolve = editAssignmentsResolver(3);
    const edit = (assignments: string) => resolve({ assignments }, undefined, options<{ assignments: string }>());
    expect((await edit("litware\nhttps://help.kusto.windows.net Sam/ples")).errors.assignments?.message).toMatch(/^Line 2: database may contain only/);
    expect((await edit("litware")).values).toEqual({ version: 3, assignments: [{ organization: "litware" }] });
  });
});
