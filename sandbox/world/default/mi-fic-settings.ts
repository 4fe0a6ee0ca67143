// The MI + FIC settings of the default world's agent (Contoso's identity signing in as the
// connector app), as the connectors API takes them: what the demo and the e2e tests create
// connectors with.
import { AGENT_IDENTITY, CONNECTOR_APP, TENANT } from "./ids";

export const defaultMiFicSettings = (targetTenantId: string) => ({
  authMethod: "mi_fic" as const,
  agentTenantId: TENANT.contoso,
  miClientId: AGENT_IDENTITY.clientId,
  miPrincipalId: AGENT_IDENTITY.principalId,
  appClientId: CONNECTOR_APP.appId,
  targetTenantId,
});
