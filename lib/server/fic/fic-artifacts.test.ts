import { describe, expect, it } from "vitest";
import { ficArtifacts } from "./fic-artifacts";
import { ficDraftPlan } from "./fic-draft-plan";
import { kustoViewerCommand } from "./target-grants";

const inputs = {
  agentTenantId: "c0550000-0000-4000-8000-000000000001",
  miClientId: "a9e00000-0000-4000-8000-0000000000c1",
  miPrincipalId: "a9e00000-0000-4000-8000-0000000000c2",
  appClientId: "ab900000-0000-4000-8000-0000000000d1",
  targetTenantId: "11700000-0000-4000-8000-000000000002",
  ficName: "tenantbridge-litware",
};
const azure = { authorityHost: "https://login.microsoftonline.com", graphBaseUrl: "https://graph.microsoft.com", adoBaseUrl: "https://dev.azure.com" };
const sandbox = { authorityHost: "https://localhost:8443", graphBaseUrl: "https://localhost:8443/graph", adoBaseUrl: "https://localhost:8443/ado" };
const ado = { kind: "ado", organization: "litware" } as const;

describe("ficArtifacts", () => {
  it("builds the credential from the agent tenant issuer, the principal id and the exchange audience", () => {
    const { credential } = ficArtifacts(azure, inputs, ado);
    expect(credential.name).toBe("tenantbridge-litware");
    expect(credential.issuer).toBe("https://login.microsoftonline.com/c0550000-0000-4000-8000-000000000001/v2.0");
    expect(credential.subject).toBe(inputs.miPrincipalId);
    expect(credential.subject).not.toBe(inputs.miClientId);
    expect(credential.audiences).toEqual(["api://AzureADTokenExchange"]);
    expect(credential.realAzureIssuer).toBeNull();
  });

  it("uses the configured authority's issuer and also names the public cloud one when they differ", () => {
    const { credential } = ficArtifacts(sandbox, inputs, ado);
    expect(credential.issuer).toBe("https://localhost:8443/c0550000-0000-4000-8000-000000000001/v2.0");
    expect(credential.realAzureIssuer).toBe("https://login.microsoftonline.com/c0550000-0000-4000-8000-000000000001/v2.0");
  });

  it("trims and lower-cases the subject so Entra's exact comparison matches the token's sub", () => {
    const { credential } = ficArtifacts(azure, { ...inputs, miPrincipalId: " A9E00000-0000-4000-8000-0000000000C2 " }, ado);
    expect(credential.subject).toBe("a9e00000-0000-4000-8000-0000000000c2");
  });

  it("writes an az script that targets the app and carries issuer, subject and audience", () => {
    const { azCli } = ficArtifacts(azure, inputs, ado);
    expect(azCli).toContain(`az login --tenant ${inputs.agentTenantId}`);
    expect(azCli).toContain(`az ad app federated-credential create \\\n  --id ${inputs.appClientId} \\`);
    expect(azCli).toContain(`"issuer": "https://login.microsoftonline.com/${inputs.agentTenantId}/v2.0"`);
    expect(azCli).toContain(`"subject": "${inputs.miPrincipalId}"`);
    expect(azCli).toContain(`"api://AzureADTokenExchange"`);
  });

  it("writes a Bicep template with the Graph extension and the federatedIdentityCredentials child", () => {
    const { bicep } = ficArtifacts(azure, inputs, ado);
    expect(bicep).toContain("extension microsoftGraphV1");
    expect(bicep).toContain("'Microsoft.Graph/applications/federatedIdentityCredentials@v1.0'");
    expect(bicep).toContain("name: '${connectorApp.uniqueName}/tenantbridge-litware'");
    expect(bicep).toContain(`subject: '${inputs.miPrincipalId}'`);
    expect(bicep).toContain(`issuer: 'https://login.microsoftonline.com/${inputs.agentTenantId}/v2.0'`);
  });

  it("addresses the Graph request by appId at the configured Graph base", () => {
    const { graphRequest } = ficArtifacts(sandbox, inputs, ado);
    expect(graphRequest.method).toBe("POST");
    expect(graphRequest.url).toBe(`https://localhost:8443/graph/v1.0/applications(appId='${inputs.appClientId}')/federatedIdentityCredentials`);
    expect(JSON.parse(graphRequest.body)).toMatchObject({ name: "tenantbridge-litware", subject: inputs.miPrincipalId, audiences: ["api://AzureADTokenExchange"] });
  });

  it("points the admin consent URL at the target tenant", () => {
    const { adminConsentUrl } = ficArtifacts(azure, inputs, ado);
    expect(adminConsentUrl).toBe(`https://login.microsoftonline.com/${inputs.targetTenantId}/adminconsent?client_id=${inputs.appClientId}`);
  });

  it("lists the four Azure DevOps grants with the organization's users page", () => {
    const { grants } = ficArtifacts(azure, inputs, ado);
    expect(grants.map((grant) => grant.title)).toEqual([
      "Add the app to the organization with Basic access",
      "Readers on the project",
      "Contribute to pull requests",
      "Edit work items in the area path",
    ]);
    expect(grants[0]?.href).toBe("https://dev.azure.com/litware/_settings/users");
    expect(grants[0]?.detail).toContain(inputs.appClientId);
  });

  it("gives Kusto the tenant-qualified viewer command", () => {
    const { grants } = ficArtifacts(azure, inputs, { kind: "kusto", clusterUrl: "https://litware.westeurope.kusto.windows.net", database: "Telemetry" });
    expect(grants).toHaveLength(1);
    expect(grants[0]?.command).toBe(`.add database Telemetry viewers ('aadapp=${inputs.appClientId};${inputs.targetTenantId}') 'TenantBridge agent'`);
  });

  it("brackets Kusto database names that are not plain identifiers", () => {
    expect(kustoViewerCommand("ops logs", "a", "t")).toContain(".add database ['ops logs'] viewers");
  });
});

describe("ficDraftPlan", () => {
  it("names who must create the credential, consent and grant when every id is known", () => {
    const plan = ficDraftPlan(inputs, ado);
    expect(plan.map((item) => item.what)).toEqual([
      `The federated credential “tenantbridge-litware” on app ${inputs.appClientId}`,
      `The app's service principal in tenant ${inputs.targetTenantId}`,
      "Access for the app in the Azure DevOps organization litware",
    ]);
    expect(plan[0]?.who).toContain(`an owner of app ${inputs.appClientId} in tenant ${inputs.agentTenantId}`);
    expect(plan[0]?.how).toContain("az script");
  });

  it("puts the missing ids first, each with who provides it", () => {
    const plan = ficDraftPlan({ ...inputs, appClientId: null, targetTenantId: "not-a-guid" }, ado);
    expect(plan[0]).toMatchObject({ what: "A multi-tenant app registration in the agent tenant", who: "An Application Administrator of the agent tenant" });
    expect(plan[1]).toMatchObject({ what: "The target tenant id", who: "An admin of the Azure DevOps organization litware" });
    expect(plan[2]?.what).toContain("on app (the app)");
  });
});
