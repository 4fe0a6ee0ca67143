import { describe, expect, it } from "vitest";
import {
  APP_IS_IDENTITY,
  CLIENT_ID_TWICE,
  SAME_TENANT_NO_FIC,
  SYSTEM_ASSIGNED_REJECTED,
  checkFicValues,
  createFicThroughGraphSchema,
  defaultFicName,
  ficInputsFromForm,
  type FicFormValues,
} from "./fic";

const good: FicFormValues = {
  identityKind: "user_assigned",
  agentTenantId: "c0550000-0000-4000-8000-000000000001",
  miClientId: "a9e00000-0000-4000-8000-0000000000c1",
  miPrincipalId: "a9e00000-0000-4000-8000-0000000000c2",
  appClientId: "ab900000-0000-4000-8000-0000000000d1",
  targetTenantId: "11700000-0000-4000-8000-000000000002",
  ficName: "tenantbridge-litware",
};

describe("checkFicValues", () => {
  it("accepts a complete cross-tenant setup", () => {
    expect(checkFicValues(good)).toEqual([]);
  });

  it("requires GUIDs, naming the field", () => {
    const issues = checkFicValues({ ...good, agentTenantId: "", appClientId: "contoso-app" });
    expect(issues).toEqual([
      { field: "agentTenantId", message: "Agent tenant id is required." },
      { field: "appClientId", message: "Multi-tenant app client id must be a GUID like 00000000-0000-0000-0000-000000000000." },
    ]);
  });

  it("rejects the client id entered as the principal id, whatever the case", () => {
    const issues = checkFicValues({ ...good, miPrincipalId: good.miClientId.toUpperCase() });
    expect(issues).toEqual([{ field: "miPrincipalId", message: CLIENT_ID_TWICE }]);
    expect(CLIENT_ID_TWICE).toContain("You entered the client id twice; the subject must be the Object (principal) ID");
  });

  it("rejects the identity's client id as the app's client id", () => {
    expect(checkFicValues({ ...good, appClientId: good.miClientId })).toEqual([{ field: "appClientId", message: APP_IS_IDENTITY }]);
  });

  it("explains that the same tenant needs no federated credential", () => {
    expect(checkFicValues({ ...good, targetTenantId: good.agentTenantId })).toEqual([{ field: "targetTenantId", message: SAME_TENANT_NO_FIC }]);
  });

  it("rejects a system-assigned identity with Entra's reason", () => {
    const issues = checkFicValues({ ...good, identityKind: "system_assigned" });
    expect(issues).toEqual([{ field: "identityKind", message: SYSTEM_ASSIGNED_REJECTED }]);
    expect(SYSTEM_ASSIGNED_REJECTED).toContain("Only user-assigned managed identities can be used as a federated credential for apps");
  });

  it("checks the credential name as Entra does (3–120 URL-friendly characters)", () => {
    expect(checkFicValues({ ...good, ficName: "ab" })[0]?.field).toBe("ficName");
    expect(checkFicValues({ ...good, ficName: "has space" })[0]?.field).toBe("ficName");
    expect(checkFicValues({ ...good, ficName: "x".repeat(121) })[0]?.field).toBe("ficName");
  });
});

describe("defaultFicName", () => {
  it("names the credential after the organization or database", () => {
    expect(defaultFicName({ organization: "Litware" })).toBe("tenantbridge-litware");
    expect(defaultFicName({ database: "Ops Logs" })).toBe("tenantbridge-ops-logs");
  });
});

describe("ficInputsFromForm", () => {
  it("turns a valid form into the exchange's inputs, with the identity kind the server checks too", () => {
    expect(ficInputsFromForm(good)).toEqual({
      identityKind: "user_assigned",
      agentTenantId: good.agentTenantId,
      miClientId: good.miClientId,
      miPrincipalId: good.miPrincipalId,
      appClientId: good.appClientId,
      targetTenantId: good.targetTenantId,
      ficName: good.ficName,
    });
  });

  it("gives null while a value has a problem", () => {
    expect(ficInputsFromForm({ ...good, identityKind: "system_assigned" })).toBeNull();
    expect(ficInputsFromForm({ ...good, appClientId: "" })).toBeNull();
  });
});

describe("createFicThroughGraphSchema", () => {
  it("refuses a graph token with characters outside printable ASCII, naming graphAccessToken", () => {
    const inputs = {
      agentTenantId: "c0550000-0000-4000-8000-000000000001",
      miClientId: "a9e00000-0000-4000-8000-0000000000c1",
      miPrincipalId: "a9e00000-0000-4000-8000-0000000000c2",
      appClientId: "ab900000-0000-4000-8000-0000000000d1",
      targetTenantId: "11700000-0000-4000-8000-000000000002",
      ficName: "tenantbridge-litware",
    };
    for (const token of [`eyJ0eXAiOiJKV1Qi${"ü".repeat(10)}`, `eyJ0eXAiOiJKV1Qi.€€€€€€€€€€`, `eyJ0eXAiOiJKV1Qi ${"a".repeat(10)}`]) {
      const result = createFicThroughGraphSchema.safeParse({ version: 1, inputs, graphAccessToken: token });
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual(["graphAccessToken"]);
    }
    expect(createFicThroughGraphSchema.safeParse({ version: 1, inputs, graphAccessToken: `eyJ0eXAiOiJKV1Qi.${"a".repeat(30)}.sig-_` }).success).toBe(true);
  });
});
