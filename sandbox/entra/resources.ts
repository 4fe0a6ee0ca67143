// Turning OAuth scopes into the resource a token is for. Entra reads `<resource>/<permission>`,
// where the resource is an app id or identifier URI, treats bare names as Microsoft Graph
// permissions, and issues a token for exactly one resource per request.
import type { World } from "../world/schema";
import { findApplication } from "./directory";
import { FIRST_PARTY_RESOURCES } from "./first-party";
import { RESOURCE } from "../world/default/ids";

export const OIDC_SCOPES = new Set(["openid", "profile", "email", "offline_access"]);

export type ResourceScope = { resource: string; permission: string; raw: string };

export type ParsedScopes = { oidc: string[]; resourceScopes: ResourceScope[] };

export function parseScopes(scope: string | undefined): ParsedScopes {
  const parts = (scope ?? "").split(/\s+/).filter(Boolean);
  const oidc: string[] = [];
  const resourceScopes: ResourceScope[] = [];
  for (const raw of parts) {
    if (OIDC_SCOPES.has(raw.toLowerCase())) {
      oidc.push(raw.toLowerCase());
      continue;
    }
    const slash = raw.lastIndexOf("/");
    if (slash <= 0 || (!raw.includes(":") && !/^[0-9a-f-]{36}\//i.test(raw))) {
      // A bare permission name (User.Read) means Microsoft Graph.
      resourceScopes.push({ resource: RESOURCE.graph.uri, permission: raw, raw });
      continue;
    }
    resourceScopes.push({ resource: raw.slice(0, slash), permission: raw.slice(slash + 1), raw });
  }
  return { oidc, resourceScopes };
}

/** Distinct resources named by the scopes (ARM's `https://management.azure.com//.default` is one). */
export function distinctResources(scopes: ResourceScope[]): string[] {
  return [...new Set(scopes.map((s) => s.resource))];
}

export type ResolvedResource = {
  appId: string;
  /** The `aud` of tokens for it: the requested URI, or the app id when asked by app id. */
  audience: string;
  displayName: string;
};

const trimSlash = (uri: string) => uri.replace(/\/+$/, "").toLowerCase();

export function resolveResource(world: World, origin: string, resource: string): ResolvedResource | null {
  const wanted = trimSlash(resource);
  for (const firstParty of FIRST_PARTY_RESOURCES) {
    if (firstParty.appId.toLowerCase() === wanted) return { appId: firstParty.appId, audience: firstParty.appId, displayName: firstParty.displayName };
    if (firstParty.identifierUris.some((uri) => trimSlash(uri) === wanted)) {
      return { appId: firstParty.appId, audience: resource, displayName: firstParty.displayName };
    }
  }
  // Any sandbox Kusto cluster URL ({origin}/kusto/{cluster}) and real cluster hosts are Kusto:
  // ADX accepts tokens whose audience is the cluster URL itself.
  if (wanted.startsWith(`${origin.toLowerCase()}/kusto/`) || /^https:\/\/[a-z0-9.-]+\.kusto\.windows\.net$/.test(wanted)) {
    const kusto = FIRST_PARTY_RESOURCES.find((r) => r.appId === RESOURCE.kusto.appId)!;
    return { appId: kusto.appId, audience: resource.replace(/\/+$/, ""), displayName: kusto.displayName };
  }
  const byAppId = findApplication(world, wanted);
  if (byAppId) return { appId: byAppId.appId, audience: byAppId.appId, displayName: byAppId.displayName };
  const byUri = world.applications.find((app) => app.identifierUris.some((uri) => trimSlash(uri) === wanted));
  if (byUri) return { appId: byUri.appId, audience: byUri.appId, displayName: byUri.displayName };
  return null;
}
