// Delegated consent: which permissions of a resource a client may use for users of a tenant.
// Entra requires a grant in the tenant the token is issued in (AADSTS65001 otherwise). The
// sandbox treats Graph's User.Read as user-consentable, as Entra's default user-consent policy
// does, so plain sign-in works in a tenant that has not consented the app.
import type { World } from "../world/schema";
import { RESOURCE } from "../world/default/ids";
import { findApplication, findServicePrincipal } from "./directory";
import type { ResolvedResource } from "./resources";

const USER_CONSENTABLE = new Set(["user.read"]);

export type DelegatedConsent = { ok: true; scopes: string[] } | { ok: false };

export function delegatedConsent(world: World, tenantId: string, clientAppId: string, resource: ResolvedResource, permissions: string[]): DelegatedConsent {
  const isGraph = resource.appId === RESOURCE.graph.appId;
  if (resource.appId.toLowerCase() === clientAppId.toLowerCase()) {
    const own = findApplication(world, clientAppId)?.oauth2PermissionScopes ?? [];
    return { ok: true, scopes: permissions.includes(".default") ? own : permissions };
  }
  const sp = findServicePrincipal(world, tenantId, clientAppId);
  const granted = new Set<string>((sp?.enabled ? sp.delegatedGrants : []).filter((g) => g.resourceAppId.toLowerCase() === resource.appId.toLowerCase()).flatMap((g) => g.scopes));
  if (isGraph) for (const scope of USER_CONSENTABLE) granted.add(scope === "user.read" ? "User.Read" : scope);
  if (permissions.includes(".default")) return granted.size ? { ok: true, scopes: [...granted] } : { ok: false };
  const grantedLower = new Set([...granted].map((s) => s.toLowerCase()));
  return permissions.every((p) => grantedLower.has(p.toLowerCase())) ? { ok: true, scopes: permissions } : { ok: false };
}
