// /{tenant}/oauth2/v2.0/authorize: validate the client and redirect URI (errors there are pages,
// never redirects, so an attacker cannot bounce users to an unregistered URI), show the account
// picker, then issue a single-use code bound to client, redirect URI, PKCE challenge, nonce,
// scopes, tenant and user.
import { randomBytes, randomUUID } from "node:crypto";
import { z } from "zod";
import type { SandboxRequest, SandboxResponse } from "../contract";
import { formBody, queryRecord } from "../core/http";
import type { SandboxState } from "../core/state";
import type { Application, User } from "../world/identity";
import { clientInfo, deliver, deliverError, type ResponseMode } from "./authorize-response";
import { delegatedConsent } from "./consent";
import { findApplication, findServicePrincipal, findTenant, findUserByOid, findUserByUpn, isUserInTenant, stableGuid } from "./directory";
import { aadsts } from "./error-catalogue";
import { correlationIdOf } from "./errors";
import { accountPickerPage, errorPage, type PickerAccount } from "./pages";
import { redirectPlatform } from "./redirect-uris";
import { distinctResources, parseScopes, resolveResource } from "./resources";
import { resolveTenantRef, type TenantRef } from "./tenant-ref";

export const authorizeParamsSchema = z.object({
  client_id: z.string().min(1),
  redirect_uri: z.string().min(1),
  response_type: z.string().default("code"),
  scope: z.string().default("openid profile"),
  state: z.string().optional(),
  nonce: z.string().optional(),
  response_mode: z.enum(["query", "fragment", "form_post"]).optional(),
  prompt: z.string().optional(),
  login_hint: z.string().optional(),
  domain_hint: z.string().optional(),
  code_challenge: z.string().min(43).max(128).optional(),
  code_challenge_method: z.enum(["S256", "plain"]).optional(),
});
export type AuthorizeParams = z.infer<typeof authorizeParamsSchema>;

type Validated = { app: Application; platform: "spa" | "web"; ref: TenantRef; params: AuthorizeParams; mode: ResponseMode };

function validate(req: SandboxRequest, state: SandboxState, tenantSegment: string, raw: Record<string, string>): Validated | SandboxResponse {
  const correlationId = correlationIdOf(req);
  const world = state.world();
  const ref = resolveTenantRef(world, tenantSegment);
  if (!ref) return errorPage(aadsts.tenantNotFound(tenantSegment), correlationId);
  const parsed = authorizeParamsSchema.safeParse(raw);
  if (!parsed.success) {
    const missing = parsed.error.issues[0]?.path[0];
    return errorPage(aadsts.missingParameter(String(missing ?? "client_id")), correlationId);
  }
  const params = parsed.data;
  const app = findApplication(world, params.client_id);
  const tenantName = ref.kind === "tenant" ? ref.tenant.displayName : ref.alias;
  if (!app || (ref.kind === "tenant" && app.signInAudience === "AzureADMyOrg" && app.homeTenantId !== ref.tenant.id)) {
    return errorPage(aadsts.appNotFound(params.client_id, tenantName), correlationId);
  }
  const platform = redirectPlatform(app, params.redirect_uri);
  if (!platform) return errorPage(aadsts.redirectMismatch(params.redirect_uri, app.appId), correlationId);
  const mode: ResponseMode = params.response_mode ?? (platform === "spa" ? "fragment" : "query");
  return { app, platform, ref, params, mode };
}

export function handleAuthorizeGet(req: SandboxRequest, state: SandboxState, tenantSegment: string): SandboxResponse {
  const raw = queryRecord(req.url);
  const checked = validate(req, state, tenantSegment, raw);
  if (!("app" in checked)) return checked;
  const { params } = checked;
  if (!params.response_type.split(" ").includes("code")) {
    return deliverError(params.redirect_uri, checked.mode, aadsts.idTokenNotEnabled(), correlationIdOf(req), params.state);
  }
  const hinted = params.login_hint ? userFromHint(state, params.login_hint) : undefined;
  if (params.prompt === "none") {
    if (!hinted) return deliverError(params.redirect_uri, checked.mode, aadsts.loginRequired(), correlationIdOf(req), params.state);
    return completeAuthorize(req, state, checked, hinted);
  }
  // Without prompt=select_account/login, a known login_hint signs in directly, like an existing session.
  if (hinted && params.prompt !== "select_account" && params.prompt !== "login") return completeAuthorize(req, state, checked, hinted);
  const txn = randomUUID();
  state.transactions.set(txn, { kind: "authorize", tenantRef: tenantSegment, params: raw, createdAt: Date.now() });
  return renderPicker(state, req.url.pathname, txn, checked.app, params.login_hint, { tenantId: namedTenant(checked.ref) });
}

/** The picker's form posts back here with the transaction id and the chosen account. */
export function handleAuthorizePost(req: SandboxRequest, state: SandboxState, tenantSegment: string): SandboxResponse {
  const form = z.object({ txn: z.string().min(1), account: z.string().optional(), username: z.string().optional() }).safeParse(formBody(req));
  const txn = form.success ? state.transactions.get(form.data.txn) : undefined;
  if (!form.success || !txn || txn.kind !== "authorize") {
    return errorPage(aadsts.sessionExpired("sign-in"), correlationIdOf(req));
  }
  const checked = validate(req, state, tenantSegment, txn.params);
  if (!("app" in checked)) return checked;
  const world = state.world();
  const user = form.data.account ? findUserByOid(world, form.data.account) : form.data.username ? findUserByUpn(world, form.data.username) : undefined;
  if (!user) {
    return renderPicker(state, req.url.pathname, form.data.txn, checked.app, checked.params.login_hint, {
      tenantId: namedTenant(checked.ref),
      errorMessage: `AADSTS50034: ${aadsts.userNotFound().message}`,
      typedUsername: form.data.username,
    });
  }
  state.transactions.delete(form.data.txn);
  return completeAuthorize(req, state, checked, user);
}

/** A UPN, or the opaque `login_hint` claim of a sandbox ID token (the UPN, base64url-encoded). */
function userFromHint(state: SandboxState, hint: string): User | undefined {
  const world = state.world();
  return findUserByUpn(world, hint) ?? findUserByUpn(world, Buffer.from(hint, "base64url").toString("utf8"));
}

export function renderPicker(
  state: SandboxState,
  action: string,
  txn: string,
  app: Application,
  loginHint: string | undefined,
  extra: { errorMessage?: string; typedUsername?: string; heading?: string; tenantId?: string } = {},
): SandboxResponse {
  const world = state.world();
  const { tenantId, ...shown } = extra;
  const tenant = tenantId ? findTenant(world, tenantId) : undefined;
  const groups = tenant ? { tenantName: tenant.displayName, inTenant: (user: User) => isUserInTenant(user, tenant.id) } : undefined;
  const hint = loginHint ? userFromHint(state, loginHint)?.upn.toLowerCase() : undefined;
  const accounts: PickerAccount[] = world.users
    .map((user) => ({ user, tenantName: findTenant(world, user.tenantId)?.displayName ?? user.tenantId, hinted: user.upn.toLowerCase() === hint }))
    .sort((a, b) => Number(b.hinted) - Number(a.hinted));
  return accountPickerPage({ heading: shown.heading ?? "Pick an account", appName: app.displayName, action, transactionId: txn, accounts, groups, ...shown });
}

function completeAuthorize(req: SandboxRequest, state: SandboxState, v: Validated, user: User): SandboxResponse {
  const world = state.world();
  const correlationId = correlationIdOf(req);
  const { app, params } = v;
  // The tenant tokens are issued in: the authority's tenant, or for organizations/common the
  // user's home tenant (multi-tenant apps) or the app's home tenant (single-tenant apps).
  const tenantId = v.ref.kind === "tenant" ? v.ref.tenant.id : app.signInAudience === "AzureADMultipleOrgs" ? user.tenantId : app.homeTenantId;
  const tenant = findTenant(world, tenantId);
  if (!tenant || !isUserInTenant(user, tenantId)) {
    return errorPage(aadsts.userNotInTenant(user.upn, tenant?.displayName ?? tenantId, app.appId, app.displayName), correlationId);
  }
  const { resourceScopes } = parseScopes(params.scope);
  for (const resourceRef of distinctResources(resourceScopes)) {
    const resource = resolveResource(world, state.origin, resourceRef);
    if (!resource) return deliverError(params.redirect_uri, v.mode, aadsts.resourceNotFound(resourceRef, tenant.displayName), correlationId, params.state);
    const permissions = resourceScopes.filter((s) => s.resource === resourceRef).map((s) => s.permission);
    if (!delegatedConsent(world, tenantId, app.appId, resource, permissions).ok) {
      // Interactive requests report missing consent as `consent_required` (AADSTS65001).
      return deliverError(params.redirect_uri, v.mode, { ...aadsts.consentRequired(app.appId, app.displayName), error: "consent_required" }, correlationId, params.state);
    }
  }
  // A successful sign-in is a consent to sign-in: Entra creates the app's service principal in
  // the user's tenant on first use (this is also how an admin "provisions" a multi-tenant app by
  // opening its sign-in URL). It grants nothing else; permissions still need consent.
  const existing = findServicePrincipal(world, tenantId, app.appId);
  if (existing && (!existing.enabled || app.disabled)) return errorPage(aadsts.appDisabled(app.appId, app.displayName), correlationId);
  if (!existing) {
    state.mutate((w) => {
      w.servicePrincipals.push({ id: stableGuid(`${tenantId}/${app.appId}`), appId: app.appId, tenantId, displayName: app.displayName, enabled: true, appRoleAssignments: [], delegatedGrants: [] });
    });
  }
  const code = randomBytes(48).toString("base64url");
  state.codes.set(code, {
    clientId: app.appId,
    userOid: user.oid,
    tenantId,
    scopes: params.scope.split(/\s+/).filter(Boolean),
    nonce: params.nonce,
    platform: v.platform,
    redirectUri: params.redirect_uri,
    codeChallenge: params.code_challenge,
    codeChallengeMethod: params.code_challenge_method ?? (params.code_challenge ? "plain" : undefined),
    expiresAt: Date.now() + world.tokenLifetimes.authorizationCodeSeconds * 1000,
    redeemed: false,
  });
  const result: Record<string, string> = { code };
  if (params.state !== undefined) result.state = params.state;
  result.client_info = clientInfo(user.oid, user.tenantId);
  result.session_state = state.sessionState;
  return deliver(params.redirect_uri, v.mode, result);
}

/** The tenant an authority names (not common/organizations), whose accounts the picker lists first. */
function namedTenant(ref: TenantRef): string | undefined {
  return ref.kind === "tenant" ? ref.tenant.id : undefined;
}
