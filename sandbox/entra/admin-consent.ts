// /{tenant}/adminconsent: a tenant admin grants an app every permission it requests, which
// creates the app's service principal in that tenant. This is how a multi-tenant connector app
// gets "provisioned into" a target tenant before the FIC exchange can work there.
// https://learn.microsoft.com/entra/identity/enterprise-apps/grant-admin-consent
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { SandboxRequest, SandboxResponse } from "../contract";
import { formBody, queryRecord } from "../core/http";
import type { SandboxState } from "../core/state";
import type { Application, Tenant, User } from "../world/identity";
import type { World } from "../world/schema";
import { findApplication, findServicePrincipal, findTenant, findUserByOid, findUserByUpn, stableGuid } from "./directory";
import { deliver } from "./authorize-response";
import { renderPicker } from "./authorize";
import { aadsts } from "./error-catalogue";
import { correlationIdOf } from "./errors";
import { adminConsentDonePage, errorPage } from "./pages";
import { redirectUriMatches } from "./redirect-uris";
import { resolveTenantRef } from "./tenant-ref";

const adminConsentParams = z.object({
  client_id: z.string().min(1),
  redirect_uri: z.string().optional(),
  state: z.string().optional(),
  scope: z.string().optional(),
});

type Checked = { app: Application; params: z.infer<typeof adminConsentParams> };

function check(req: SandboxRequest, state: SandboxState, tenantSegment: string, raw: Record<string, string>): Checked | SandboxResponse {
  const correlationId = correlationIdOf(req);
  const ref = resolveTenantRef(state.world(), tenantSegment);
  if (!ref) return errorPage(aadsts.tenantNotFound(tenantSegment), correlationId);
  const parsed = adminConsentParams.safeParse(raw);
  if (!parsed.success) return errorPage(aadsts.missingParameter("client_id"), correlationId);
  const app = findApplication(state.world(), parsed.data.client_id);
  const tenantName = ref.kind === "tenant" ? ref.tenant.displayName : ref.alias;
  if (!app || (ref.kind === "tenant" && app.signInAudience === "AzureADMyOrg" && ref.tenant.id !== app.homeTenantId)) {
    return errorPage(aadsts.appNotFound(parsed.data.client_id, tenantName), correlationId);
  }
  const redirectUri = parsed.data.redirect_uri;
  if (redirectUri && !app.web.redirectUris.some((r) => redirectUriMatches(r, redirectUri))) {
    return errorPage(aadsts.redirectMismatch(redirectUri, app.appId), correlationId);
  }
  return { app, params: parsed.data };
}

export function handleAdminConsentGet(req: SandboxRequest, state: SandboxState, tenantSegment: string): SandboxResponse {
  const raw = queryRecord(req.url);
  const checked = check(req, state, tenantSegment, raw);
  if (!("app" in checked)) return checked;
  const txn = randomUUID();
  state.transactions.set(txn, { kind: "adminconsent", tenantRef: tenantSegment, params: raw, createdAt: Date.now() });
  const ref = resolveTenantRef(state.world(), tenantSegment);
  return renderPicker(state, req.url.pathname, txn, checked.app, undefined, { heading: "Pick an administrator account", tenantId: ref?.kind === "tenant" ? ref.tenant.id : undefined });
}

export function handleAdminConsentPost(req: SandboxRequest, state: SandboxState, tenantSegment: string): SandboxResponse {
  const correlationId = correlationIdOf(req);
  const form = z.object({ txn: z.string().min(1), account: z.string().optional(), username: z.string().optional() }).safeParse(formBody(req));
  const txn = form.success ? state.transactions.get(form.data.txn) : undefined;
  if (!form.success || !txn || txn.kind !== "adminconsent") {
    return errorPage(aadsts.sessionExpired("consent"), correlationId);
  }
  const checked = check(req, state, tenantSegment, txn.params);
  if (!("app" in checked)) return checked;
  const world = state.world();
  const user = form.data.account ? findUserByOid(world, form.data.account) : form.data.username ? findUserByUpn(world, form.data.username) : undefined;
  if (!user) {
    return renderPicker(state, req.url.pathname, form.data.txn, checked.app, undefined, {
      heading: "Pick an administrator account",
      errorMessage: `AADSTS50034: ${aadsts.userNotFound().message}`,
      typedUsername: form.data.username,
    });
  }
  const ref = resolveTenantRef(world, tenantSegment);
  const tenant = ref?.kind === "tenant" ? ref.tenant : findTenant(world, user.tenantId);
  if (!tenant) return errorPage(aadsts.tenantNotFound(tenantSegment), correlationId);
  // Only members of the tenant hold its directory roles; a guest admin elsewhere does not count.
  if (user.tenantId !== tenant.id) {
    return errorPage(aadsts.userNotInTenant(user.upn, tenant.displayName, checked.app.appId, checked.app.displayName), correlationId);
  }
  if (!user.isAdmin) return errorPage(aadsts.adminRequired(checked.app.displayName), correlationId);
  state.transactions.delete(form.data.txn);
  state.mutate((w) => grantAdminConsent(w, checked.app, tenant, user));
  const { redirect_uri: redirectUri, state: clientState } = checked.params;
  if (!redirectUri) return adminConsentDonePage(checked.app.displayName, tenant.displayName);
  const params: Record<string, string> = { admin_consent: "True", tenant: tenant.id };
  if (clientState !== undefined) params.state = clientState;
  if (checked.params.scope) params.scope = checked.params.scope;
  return deliver(redirectUri, "query", params);
}

/** Creates (or re-enables) the service principal and records every requested permission. */
export function grantAdminConsent(world: World, app: Application, tenant: Tenant, _admin: User): void {
  let sp = world.servicePrincipals.find((s) => s.tenantId === tenant.id && s.appId === app.appId);
  if (!sp) {
    sp = { id: stableGuid(`${tenant.id}/${app.appId}`), appId: app.appId, tenantId: tenant.id, displayName: app.displayName, enabled: true, appRoleAssignments: [], delegatedGrants: [] };
    world.servicePrincipals.push(sp);
  }
  sp.enabled = true;
  for (const access of app.requiredResourceAccess) {
    if (access.scopes.length) {
      const grant = sp.delegatedGrants.find((g) => g.resourceAppId === access.resourceAppId);
      if (grant) grant.scopes = [...new Set([...grant.scopes, ...access.scopes])];
      else sp.delegatedGrants.push({ resourceAppId: access.resourceAppId, scopes: [...access.scopes] });
    }
    if (access.roles.length) {
      let resourceSp = world.servicePrincipals.find((s) => s.tenantId === tenant.id && s.appId === access.resourceAppId);
      if (!resourceSp) {
        const implicit = findServicePrincipal(world, tenant.id, access.resourceAppId);
        if (!implicit) continue; // the resource is not present in this tenant; Entra skips it too
        resourceSp = { ...implicit, appRoleAssignments: [], delegatedGrants: [] };
        world.servicePrincipals.push(resourceSp);
      }
      for (const role of access.roles) {
        if (!resourceSp.appRoleAssignments.some((a) => a.principalId === sp.id && a.appRole === role)) {
          resourceSp.appRoleAssignments.push({ principalId: sp.id, appRole: role });
        }
      }
    }
  }
}
