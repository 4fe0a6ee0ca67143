// The portal's configuration for the sandbox cloud: the sandbox's own endpoints plus the
// default world's portal app and agent identity. Real Azure differs only in these values.
import { AGENT_IDENTITY, PORTAL_APP, SANDBOX_SECRET, TENANT } from "../sandbox/world/default/ids";

export function portalEnvForSandbox(sandbox: { origin: string; env: Record<string, string> }): Record<string, string> {
  return {
    ...sandbox.env,
    TB_SANDBOX: "1",
    TB_KUSTO_EXTRA_ORIGINS: `${sandbox.origin}/kusto`,
    TB_PORTAL_CLIENT_ID: PORTAL_APP.appId,
    TB_PORTAL_TENANT_ID: TENANT.contoso,
    // The sandbox portal app's client secret (a sandbox value), for OAuth connectors' server-side refresh.
    TB_PORTAL_CLIENT_SECRET: SANDBOX_SECRET.portal,
    TB_AGENT_TENANT_ID: TENANT.contoso,
    TB_AGENT_MI_CLIENT_ID: AGENT_IDENTITY.clientId,
    TB_AGENT_MI_PRINCIPAL_ID: AGENT_IDENTITY.principalId,
  };
}
