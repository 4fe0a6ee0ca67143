// The single resource a token request is for, with Entra's scope errors: more than one resource
// (AADSTS28000), unknown resource or no service principal for it in the tenant (AADSTS500011).
import type { SandboxState } from "../../core/state";
import type { Tenant } from "../../world/identity";
import { RESOURCE } from "../../world/default/ids";
import { findServicePrincipal } from "../directory";
import { aadsts } from "../error-catalogue";
import { EntraFailure } from "../errors";
import { distinctResources, parseScopes, resolveResource, type ResolvedResource } from "../resources";

export type RequestedResource = { resource: ResolvedResource; permissions: string[]; scope: string };

export function resourceForRequest(state: SandboxState, tenant: Tenant, scope: string | undefined, defaultToGraph: boolean): RequestedResource {
  const { resourceScopes } = parseScopes(scope);
  const resources = distinctResources(resourceScopes);
  if (resources.length > 1) throw new EntraFailure(aadsts.multipleResources(scope ?? ""));
  if (resources.length === 0) {
    if (!defaultToGraph) throw new EntraFailure(aadsts.missingParameter("scope"));
    // A sign-in that asks only for OIDC scopes gets a Graph token for User.Read, as in Entra.
    const graph = resolveResource(state.world(), state.origin, RESOURCE.graph.uri)!;
    return { resource: graph, permissions: ["User.Read"], scope: scope ?? "" };
  }
  const resourceRef = resources[0]!;
  const resource = resolveResource(state.world(), state.origin, resourceRef);
  if (!resource || !findServicePrincipal(state.world(), tenant.id, resource.appId)) {
    throw new EntraFailure(aadsts.resourceNotFound(resourceRef, tenant.displayName));
  }
  const permissions = resourceScopes.filter((s) => s.resource === resourceRef).map((s) => s.permission);
  return { resource, permissions, scope: scope ?? "" };
}
