import "server-only";
// The Bicep version of the FIC, with the Microsoft Graph extension.
// https://learn.microsoft.com/graph/templates/reference/federatedidentitycredentials
// Graph resources in Bicep are addressed by the app's uniqueName (a client-provided key), not by
// its client id; an app registered in the portal has none until someone sets it once.
import type { FicCredentialDto, FicInputs } from "@/lib/schemas/fic";

const bicepString = (value: string) => `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;

export function bicepTemplate(inputs: FicInputs, credential: FicCredentialDto): string {
  return [
    `// Needs bicepconfig.json with "extensions": { "microsoftGraphV1": "br:mcr.microsoft.com/bicep/extensions/microsoftgraph/v1.0:1.0.0" }`,
    `// Deploy signed in to the agent's tenant ${inputs.agentTenantId} as an Application Administrator or an owner of the app.`,
    `extension microsoftGraphV1`,
    ``,
    `@description('uniqueName of the multi-tenant app ${inputs.appClientId}; set it once on an app created outside Bicep.')`,
    `param appUniqueName string`,
    ``,
    `resource connectorApp 'Microsoft.Graph/applications@v1.0' existing = {`,
    `  uniqueName: appUniqueName`,
    `}`,
    ``,
    `resource agentCredential 'Microsoft.Graph/applications/federatedIdentityCredentials@v1.0' = {`,
    `  name: '\${connectorApp.uniqueName}/${credential.name}'`,
    `  issuer: ${bicepString(credential.issuer)}`,
    `  subject: ${bicepString(credential.subject)}`,
    `  audiences: [`,
    ...credential.audiences.map((audience) => `    ${bicepString(audience)}`),
    `  ]`,
    `  description: ${bicepString(credential.description)}`,
    `}`,
  ].join("\n");
}
