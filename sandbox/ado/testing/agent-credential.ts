// The agent's real credential chain for the resource services' integration tests: the
// user-assigned managed identity (App Service protocol) gives an assertion, and
// ClientAssertionCredential exchanges it in the target tenant for the connector app. The
// sandbox must be started and IDENTITY_ENDPOINT / IDENTITY_HEADER set before @azure/identity
// is first imported, because MSAL picks the managed identity source once per process.
import type { RunningSandbox } from "../../server";
import { AGENT_IDENTITY, CONNECTOR_APP } from "../../world/default/ids";
import { TOKEN_EXCHANGE_AUDIENCE } from "../../world/issuer";

type IdentityModule = typeof import("@azure/identity");

export async function loadIdentity(sandbox: RunningSandbox): Promise<IdentityModule> {
  process.env.IDENTITY_ENDPOINT = sandbox.env.IDENTITY_ENDPOINT;
  process.env.IDENTITY_HEADER = sandbox.env.IDENTITY_HEADER;
  return import("@azure/identity");
}

/** A token for `scope` as the app's service principal in `tenantId`, obtained the way the agent does. */
export async function agentToken(identity: IdentityModule, sandbox: RunningSandbox, tenantId: string, scope: string, appId: string = CONNECTOR_APP.appId): Promise<string> {
  const mi = new identity.ManagedIdentityCredential({ clientId: AGENT_IDENTITY.clientId });
  const assertion = async () => (await mi.getToken(`${TOKEN_EXCHANGE_AUDIENCE}/.default`)).token;
  const credential = new identity.ClientAssertionCredential(tenantId, appId, assertion, { authorityHost: sandbox.origin, disableInstanceDiscovery: true });
  return (await credential.getToken(scope)).token;
}
