// Read-only queries over the loaded world's directory objects, shared by Entra, managed
// identity and Graph. Ids compare case-insensitively, as Entra's GUIDs do.
import { createHash } from "node:crypto";
import type { Application, ManagedIdentity, ServicePrincipal, Tenant, User } from "../world/identity";
import type { World } from "../world/schema";
import { firstPartyByAppId } from "./first-party";

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Tenant by id or verified domain; `null` for names that are not tenants (common, organizations). */
export function findTenant(world: World, ref: string): Tenant | undefined {
  return world.tenants.find((t) => same(t.id, ref) || same(t.defaultDomain, ref));
}

export function findUserByUpn(world: World, upn: string): User | undefined {
  return world.users.find((u) => same(u.upn, upn.trim()));
}

export function findUserByOid(world: World, oid: string): User | undefined {
  return world.users.find((u) => same(u.oid, oid));
}

/** Member or B2B guest: the users Entra lets sign in with a tenant-specific authority. */
export function isUserInTenant(user: User, tenantId: string): boolean {
  return same(user.tenantId, tenantId) || user.guestOf.some((t) => same(t, tenantId));
}

export function findApplication(world: World, appId: string): Application | undefined {
  return world.applications.find((a) => same(a.appId, appId));
}

export function findApplicationByObjectId(world: World, objectId: string): Application | undefined {
  return world.applications.find((a) => same(a.objectId, objectId));
}

export function findServicePrincipal(world: World, tenantId: string, appId: string): ServicePrincipal | undefined {
  const explicit = world.servicePrincipals.find((sp) => same(sp.tenantId, tenantId) && same(sp.appId, appId));
  if (explicit) return explicit;
  const firstParty = firstPartyByAppId(appId);
  if (!firstParty) return undefined;
  // First-party service principals exist in every tenant; give them a stable id per tenant.
  return {
    id: stableGuid(`${tenantId}/${appId}`),
    appId: firstParty.appId,
    tenantId,
    displayName: firstParty.displayName,
    enabled: true,
    appRoleAssignments: [],
    delegatedGrants: [],
  };
}

export function findManagedIdentity(world: World, selector: { clientId?: string; objectId?: string; resourceId?: string }): ManagedIdentity | undefined {
  if (selector.clientId) return world.managedIdentities.find((m) => same(m.clientId, selector.clientId!));
  if (selector.objectId) return world.managedIdentities.find((m) => same(m.principalId, selector.objectId!));
  if (selector.resourceId) return world.managedIdentities.find((m) => same(m.resourceId, selector.resourceId!));
  return world.managedIdentities.find((m) => m.kind === "systemAssigned");
}

export function stableGuid(seed: string): string {
  const hex = createHash("sha256").update(seed).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Roles of `resourceAppId` that `principalId` holds in `tenantId` (app role assignments). */
export function rolesOf(world: World, tenantId: string, resourceAppId: string, principalId: string): string[] {
  const resourceSp = findServicePrincipal(world, tenantId, resourceAppId);
  if (!resourceSp) return [];
  return [...new Set(resourceSp.appRoleAssignments.filter((a) => same(a.principalId, principalId)).map((a) => a.appRole))];
}
