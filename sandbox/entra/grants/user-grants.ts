// grant_type=authorization_code and grant_type=refresh_token: user tokens for one resource.
// Codes are single use (AADSTS54005) and PKCE-bound (501481). Refresh tokens rotate: each use
// returns a new one and the old one stops working (AADSTS70008). A resource the app has no
// delegated consent for in the tenant fails with invalid_grant + suberror consent_required
// (AADSTS65001), which MSAL turns into InteractionRequiredAuthError.
import { createHash } from "node:crypto";
import type { SandboxRequest } from "../../contract";
import { header } from "../../core/http";
import type { SandboxState, UserGrant } from "../../core/state";
import type { Application, Tenant } from "../../world/identity";
import { delegatedConsent } from "../consent";
import { findApplication, findTenant, findUserByOid } from "../directory";
import { aadsts } from "../error-catalogue";
import { EntraFailure } from "../errors";
import { mintUserTokens, newRefreshToken } from "../mint";
import { OIDC_SCOPES } from "../resources";
import { authenticateClient, type ClientCredential } from "./client-auth";
import { resourceForRequest } from "./resource-for-request";

type UserGrantInput = { clientId: string; scope: string | undefined; credential: ClientCredential };

export async function authorizationCodeGrant(
  req: SandboxRequest,
  state: SandboxState,
  pathTenant: Tenant | null,
  input: UserGrantInput & { code: string | undefined; redirectUri: string | undefined; codeVerifier: string | undefined },
): Promise<Record<string, unknown>> {
  const app = requireApp(state, pathTenant, input.clientId);
  const record = input.code ? state.codes.get(input.code) : undefined;
  if (!record) throw new EntraFailure(aadsts.refreshTokenMalformed());
  if (record.redeemed) throw new EntraFailure(aadsts.codeRedeemed());
  if (record.expiresAt <= Date.now()) throw new EntraFailure(aadsts.codeExpired());
  if (record.clientId !== app.appId) throw new EntraFailure(aadsts.codeClientMismatch());
  const method = await checkPlatform(req, state, app, record.platform, input.credential);
  if (input.redirectUri !== record.redirectUri) throw new EntraFailure(aadsts.codeRedirectMismatch());
  if (record.codeChallenge) {
    const verifier = input.codeVerifier ?? "";
    const computed = record.codeChallengeMethod === "S256" ? createHash("sha256").update(verifier).digest("base64url") : verifier;
    if (computed !== record.codeChallenge) throw new EntraFailure(aadsts.pkceMismatch());
  }
  const body = await issueUserTokens(state, record, input.scope ?? record.scopes.join(" "), method);
  record.redeemed = true;
  return body;
}

export async function refreshTokenGrant(
  req: SandboxRequest,
  state: SandboxState,
  pathTenant: Tenant | null,
  input: UserGrantInput & { refreshToken: string | undefined },
): Promise<Record<string, unknown>> {
  const app = requireApp(state, pathTenant, input.clientId);
  const record = input.refreshToken ? state.refreshTokens.get(input.refreshToken) : undefined;
  if (!record) throw new EntraFailure(aadsts.refreshTokenMalformed());
  if (record.replacedAt !== null) throw new EntraFailure(aadsts.refreshTokenRevoked());
  if (record.expiresAt <= Date.now()) {
    throw new EntraFailure(aadsts.refreshTokenExpired(new Date(record.issuedAt), Math.round((Date.now() - record.issuedAt) / 1000)));
  }
  if (record.clientId !== app.appId) throw new EntraFailure(aadsts.refreshTokenOtherClient());
  const method = await checkPlatform(req, state, app, record.platform, input.credential);
  const body = await issueUserTokens(state, record, input.scope ?? record.scopes.join(" "), method);
  record.replacedAt = Date.now();
  return body;
}

function requireApp(state: SandboxState, pathTenant: Tenant | null, clientId: string): Application {
  const app = findApplication(state.world(), clientId);
  if (!app) throw new EntraFailure(aadsts.appNotFound(clientId, pathTenant?.displayName ?? "organizations"));
  return app;
}

/**
 * SPA redirect URIs make a public client whose codes must be redeemed cross-origin (the browser
 * sends Origin); web redirect URIs make a confidential client that must authenticate and must
 * not redeem from a browser.
 */
async function checkPlatform(req: SandboxRequest, state: SandboxState, app: Application, platform: "spa" | "web", credential: ClientCredential): Promise<"0" | "1" | "2"> {
  const crossOrigin = header(req, "origin") !== undefined;
  if (platform === "spa") {
    if (!crossOrigin) throw new EntraFailure(aadsts.spaNeedsCrossOrigin());
    return credential.kind === "none" ? "0" : authenticateClient(state, app, credential);
  }
  if (crossOrigin) throw new EntraFailure(aadsts.crossOriginOnlyForSpa());
  return authenticateClient(state, app, credential);
}

async function issueUserTokens(state: SandboxState, grant: UserGrant, scope: string, method: "0" | "1" | "2") {
  const world = state.world();
  const tenant = findTenant(world, grant.tenantId);
  const user = findUserByOid(world, grant.userOid);
  if (!tenant || !user) throw new EntraFailure(aadsts.refreshTokenMalformed());
  const requested = resourceForRequest(state, tenant, scope, true);
  const consent = delegatedConsent(world, tenant.id, grant.clientId, requested.resource, requested.permissions);
  if (!consent.ok) {
    const app = findApplication(world, grant.clientId)!;
    throw new EntraFailure(aadsts.consentRequired(app.appId, app.displayName));
  }
  // OIDC scopes of the original sign-in stay with the grant, so refreshes keep returning ID tokens.
  const oidc = new Set([...grant.scopes, ...scope.split(/\s+/)].filter((s) => OIDC_SCOPES.has(s.toLowerCase())).map((s) => s.toLowerCase()));
  const effective: UserGrant = { ...grant, scopes: [...oidc] };
  const body = await mintUserTokens(state, { grant: effective, user, resource: requested.resource, scopes: consent.scopes, clientAuthMethod: method });
  if (oidc.has("offline_access")) {
    const refreshToken = newRefreshToken();
    const lifetime = world.tokenLifetimes.refreshTokenSeconds;
    state.refreshTokens.set(refreshToken, { ...effective, nonce: undefined, issuedAt: Date.now(), expiresAt: Date.now() + lifetime * 1000, replacedAt: null });
    body.refresh_token = refreshToken;
    body.refresh_token_expires_in = lifetime;
  }
  // Entra lists the OIDC scopes it honoured next to the resource's.
  body.scope = [body.scope, ...[...oidc].filter((s) => s !== "offline_access")].filter(Boolean).join(" ");
  return body;
}
