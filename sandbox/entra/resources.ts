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
  /**
   * The `aud` of tokens for it: v2.0 tokens always name the resource by app id; v1.0 tokens
   * carry the resource as it was asked for (URI or app id).
   */
  audience: string;
  displayName: string;
  tokenVersion: 1 | 2;
};

const trimSlash = (uri: string) => uri.replace(/\/+$/, "").toLowerCase();

export function resolveResource(world: World, origin: string, resource: string): ResolvedResource | null {
  const wanted = trimSlash(resource);
  for (const firstParty of FIRST_PARTY_RESOURCES) {
    const known = { appId: firstParty.appId, displayName: firstParty.displayName, tokenVersion: firstParty.tokenVersion };
    if (firstParty.appId.toLowerCase() === wanted) return { ...known, audience: firstParty.appId };
    if (firstParty.identifierUris.some((uri) => trimSlash(uri) === wanted)) {
      return { ...known, audience: firstParty.tokenVersion === 2 ? firstParty.appId : resource };
    }
  }
  // Any sandbox Kusto cluster URL ({origin}/kusto/{cluster}) and real cluster hosts are Kusto:
  // ADX accepts tokens whose audience is the cluster URL itself.
  if (wanted.startsWith(`${origin.toLowerCase()}/kusto/`) || /^https:\/\/[a-z0-9.-]+\.kusto\.windows\.net$/.test(wanted)) {
    const kusto = FIRST_PARTY_RESOURCES.find((r) => r.appId === RESOURCE.kusto.appId)!;
    return { appId: kusto.appId, audience: resource.replace(/\/+$/, ""), displayName: kusto.displayName, tokenVersion: kusto.tokenVersion };
  }
  const byAppId = findApplication(world, wanted);
  const byUri = byAppId ?? world.applications.find((app) => app.identifierUris.some((uri) => trimSlash(uri) === wanted));
  if (!byUri) return null;
  const tokenVersion = byUri.accessTokenVersion;
  return { appId: byUri.appId, audience: tokenVersion === 2 || byAppId ? byUri.appId : resource, displayName: byUri.displayName, tokenVersion };
}
