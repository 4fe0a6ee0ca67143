// grant_type=client_credentials, with a client secret or a federated client assertion.
// Order: authenticate the client against its app registration (FIC rules run
// on the home-tenant registration, whatever tenant is asked), then the target tenant: service
// principal exists (AADSTS700016), enabled (7000112), resource present (500011), scope ends in
// /.default (70011). A missing app role does not fail: Entra mints a token without `roles` and
// leaves the decision to the resource.
import type { SandboxState } from "../../core/state";
import type { Tenant } from "../../world/identity";
import { findApplication, findServicePrincipal } from "../directory";
import { aadsts } from "../error-catalogue";
import { EntraFailure } from "../errors";
import { mintAppAccessToken } from "../mint";
import { parseScopes } from "../resources";
import { authenticateClient, type ClientCredential } from "./client-auth";
import { resourceForRequest } from "./resource-for-request";

export async function clientCredentialsGrant(
  state: SandboxState,
  tenant: Tenant,
  input: { clientId: string; scope: string | undefined; credential: ClientCredential },
): Promise<Record<string, unknown>> {
  const world = state.world();
  const app = findApplication(world, input.clientId);
  if (!app) throw new EntraFailure(aadsts.appNotFound(input.clientId, tenant.displayName));

  // A secret is looked up on the service principal's app in the tenant, so a missing service
  // principal wins over a wrong secret; an assertion is matched on the home registration first.
  if (input.credential.kind === "assertion") {
    const method = await authenticateClient(state, app, input.credential);
    return issue(state, tenant, input, method);
  }
  checkServicePrincipal(state, tenant, input.clientId);
  const method = await authenticateClient(state, app, input.credential);
  return issue(state, tenant, input, method);
}

function checkServicePrincipal(state: SandboxState, tenant: Tenant, clientId: string) {
  const world = state.world();
  const app = findApplication(world, clientId)!;
  const sp = findServicePrincipal(world, tenant.id, clientId);
  if (!sp || (app.signInAudience === "AzureADMyOrg" && app.homeTenantId !== tenant.id)) {
    throw new EntraFailure(aadsts.appNotFound(clientId, tenant.displayName));
  }
  if (!sp.enabled || app.disabled) throw new EntraFailure(aadsts.appDisabled(app.appId, app.displayName));
  return sp;
}

async function issue(state: SandboxState, tenant: Tenant, input: { clientId: string; scope: string | undefined }, method: "1" | "2") {
  const sp = checkServicePrincipal(state, tenant, input.clientId);
  const requested = resourceForRequest(state, tenant, input.scope, false);
  const { resourceScopes } = parseScopes(input.scope);
  if (resourceScopes.length !== 1 || requested.permissions[0] !== ".default") {
    throw new EntraFailure(aadsts.clientCredentialsNeedDefault(input.scope ?? ""));
  }
  return mintAppAccessToken(state, {
    tenantId: tenant.id,
    clientAppId: input.clientId,
    clientPrincipalId: sp.id,
    resource: requested.resource,
    clientAuthMethod: method,
  });
}
