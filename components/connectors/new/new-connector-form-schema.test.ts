// The new connector form's check, as the form runs it once loaded: the chosen kind's fields with
// the handler's own schema, each problem on its field, and the handler's body when all is well.
import { describe, expect, it } from "vitest";
import type { ResolverOptions } from "react-hook-form";
import { newConnectorResolver, type NewConnectorFields } from "./new-connector-form-schema";

const blank: NewConnectorFields = {
  kind: "ado",
  organization: "",
  adoMethod: "mi_fic",
  clusterUrl: "",
  database: "",
  kustoMethod: "mi_fic",
  azureResource: "arm",
  azureTarget: "",
  azureMethod: "mi_fic",
  displayName: "",
};
const check = (fields: Partial<NewConnectorFields>) =>
  newConnectorResolver({ ...blank, ...fields }, undefined, { fields: {}, shouldUseNativeValidation: false } as ResolverOptions<NewConnectorFields>);

describe("the new connector form's check", () => {
  it("checks only the chosen kind's fields, with the handler's messages", async () => {
    const ado = await check({ kind: "ado", organization: "-litware", clusterUrl: "not a url" });
    expect(ado.errors.organization?.message).toBe("may contain only letters, digits and hyphens, and cannot start or end with a hyphen");
    expect(ado.errors.clusterUrl).toBeUndefined();
    const kusto = await check({ kind: "kusto", organization: "-litware", clusterUrl: "http://mycluster.westeurope.kusto.windows.net", database: "" });
    expect(kusto.errors.clusterUrl?.message).toBe("must use https://");
    expect(kusto.errors.database?.message).toBe("is required");
    expect(kusto.errors.organization).toBeUndefined();
    const azure = await check({ kind: "azure", azureResource: "storage", azureTarget: "Not_A_Name" });
    expect(azure.errors.azureTarget?.message).toBe("must be 3–24 lowercase letters and digits");
  });

  it("hands the handler's body for the chosen kind over when it is good", async () => {
    expect((await check({ kind: "ado", organization: " Litware ", adoMethod: "pat", displayName: "Litware" })).values).toEqual({
      kind: "ado",
      organization: "litware",
      authMethod: "pat",
      displayName: "Litware",
    });
    expect((await check({ kind: "azure", azureResource: "graph", azureTarget: "left over", azureMethod: "managed_identity" })).values).toEqual({
      kind: "azure",
      azureResource: "graph",
      authMethod: "managed_identity",
    });
  });
});
