// Checks a parsed world's identity objects refer to each other consistently. They run after the
// zod parse because the world schema is composed from `.shape`, which drops object refinements.
import { FIRST_PARTY_RESOURCES } from "../entra/first-party";
import type { World } from "./schema";

export type WorldIssue = { path: (string | number)[]; message: string };

export function identityReferenceIssues(world: World): WorldIssue[] {
  const issues: WorldIssue[] = [];
  const tenantIds = new Set(world.tenants.map((t) => t.id));
  const appIds = new Set(world.applications.map((a) => a.appId));
  const firstParty = new Set(FIRST_PARTY_RESOURCES.map((r) => r.appId));
  const unique = (values: string[], label: string, path: string) => {
    const seen = new Set<string>();
    values.forEach((value, index) => {
      const key = value.toLowerCase();
      if (seen.has(key)) issues.push({ path: [path, index], message: `duplicate ${label} ${value}` });
      seen.add(key);
    });
  };
  unique(
    world.tenants.map((t) => t.id),
    "tenant id",
    "tenants",
  );
  unique(
    world.tenants.map((t) => t.defaultDomain),
    "tenant domain",
    "tenants",
  );
  unique(
    world.users.map((u) => u.upn),
    "user principal name",
    "users",
  );
  unique(
    world.applications.map((a) => a.appId),
    "application appId",
    "applications",
  );
  unique(
    world.servicePrincipals.map((s) => `${s.tenantId}/${s.appId}`),
    "service principal (tenant/appId)",
    "servicePrincipals",
  );
  unique(
    world.managedIdentities.map((m) => m.clientId),
    "managed identity clientId",
    "managedIdentities",
  );

  world.users.forEach((user, i) => {
    if (!tenantIds.has(user.tenantId)) issues.push({ path: ["users", i, "tenantId"], message: `unknown tenant ${user.tenantId}` });
    user.guestOf.forEach((tid, j) => {
      if (!tenantIds.has(tid)) issues.push({ path: ["users", i, "guestOf", j], message: `unknown tenant ${tid}` });
    });
  });
  world.applications.forEach((app, i) => {
    if (!tenantIds.has(app.homeTenantId)) issues.push({ path: ["applications", i, "homeTenantId"], message: `unknown tenant ${app.homeTenantId}` });
    unique(
      app.federatedIdentityCredentials.map((f) => f.name),
      "federated credential name",
      `applications.${i}.federatedIdentityCredentials`,
    );
  });
  world.servicePrincipals.forEach((sp, i) => {
    if (!tenantIds.has(sp.tenantId)) issues.push({ path: ["servicePrincipals", i, "tenantId"], message: `unknown tenant ${sp.tenantId}` });
    if (!appIds.has(sp.appId) && !firstParty.has(sp.appId)) {
      issues.push({ path: ["servicePrincipals", i, "appId"], message: `no application or first-party resource with appId ${sp.appId}` });
    }
    const app = world.applications.find((a) => a.appId === sp.appId);
    if (app) {
      if (app.signInAudience === "AzureADMyOrg" && sp.tenantId !== app.homeTenantId) {
        issues.push({ path: ["servicePrincipals", i, "tenantId"], message: "a single-tenant app cannot have a service principal outside its home tenant" });
      }
      sp.appRoleAssignments.forEach((assignment, j) => {
        if (!app.appRoles.some((role) => role.value === assignment.appRole)) {
          issues.push({ path: ["servicePrincipals", i, "appRoleAssignments", j, "appRole"], message: `app ${app.appId} defines no app role ${assignment.appRole}` });
        }
      });
    }
  });
  world.managedIdentities.forEach((mi, i) => {
    if (!tenantIds.has(mi.tenantId)) issues.push({ path: ["managedIdentities", i, "tenantId"], message: `unknown tenant ${mi.tenantId}` });
  });
  return issues;
}
