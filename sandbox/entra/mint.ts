// Building token responses. Access tokens carry what resource services and the portal read
// (aud, iss, tid, oid, sub, appid/azp, idtyp, roles/scp, ver, uti); ID tokens carry what MSAL
// builds an account from (oid, tid, preferred_username, name, nonce).
import { createHash, randomBytes } from "node:crypto";
import type { SandboxState, UserGrant } from "../core/state";
import type { User } from "../world/identity";
import { clientInfo } from "./authorize-response";
import { rolesOf } from "./directory";
import type { ResolvedResource } from "./resources";
import { issuerOf, signToken, timeClaims, tokenId } from "./tokens";

export type AppTokenInput = {
  tenantId: string;
  clientAppId: string;
  /** The client's service principal object id in tenantId (oid and sub of app tokens). */
  clientPrincipalId: string;
  resource: ResolvedResource;
  /** "1" client secret, "2" certificate or assertion (Entra's appidacr). */
  clientAuthMethod: "1" | "2";
};

export async function mintAppAccessToken(state: SandboxState, input: AppTokenInput): Promise<Record<string, unknown>> {
  const world = state.world();
  const lifetime = world.tokenLifetimes.accessTokenSeconds;
  const roles = rolesOf(world, input.tenantId, input.resource.appId, input.clientPrincipalId);
  const accessToken = await signToken(state, {
    aud: input.resource.audience,
    iss: issuerOf(state, input.tenantId),
    ...timeClaims(lifetime),
    appid: input.clientAppId,
    appidacr: input.clientAuthMethod,
    azp: input.clientAppId,
    azpacr: input.clientAuthMethod,
    idp: issuerOf(state, input.tenantId),
    idtyp: "app",
    oid: input.clientPrincipalId,
    sub: input.clientPrincipalId,
    tid: input.tenantId,
    ...(roles.length ? { roles } : {}),
    uti: tokenId(),
    ver: "2.0",
  });
  return { token_type: "Bearer", expires_in: lifetime, ext_expires_in: lifetime, access_token: accessToken };
}

export type UserTokenInput = {
  grant: UserGrant;
  user: User;
  resource: ResolvedResource;
  /** Delegated permissions granted for the resource (the token's scp). */
  scopes: string[];
  clientAuthMethod: "0" | "1" | "2";
};

/** Entra's ID token `sub` is pairwise: stable per user and app, different across apps. */
function pairwiseSubject(userOid: string, clientId: string): string {
  return createHash("sha256").update(`${userOid}|${clientId}`).digest("base64url").slice(0, 43);
}

export async function mintUserTokens(state: SandboxState, input: UserTokenInput): Promise<Record<string, unknown>> {
  const world = state.world();
  const { grant, user, resource } = input;
  const lifetime = world.tokenLifetimes.accessTokenSeconds;
  const issuer = issuerOf(state, grant.tenantId);
  const resourceRoles = rolesOf(world, grant.tenantId, resource.appId, user.oid);
  const accessToken = await signToken(state, {
    aud: resource.audience,
    iss: issuer,
    ...timeClaims(lifetime),
    amr: ["pwd"],
    appid: grant.clientId,
    appidacr: input.clientAuthMethod,
    azp: grant.clientId,
    azpacr: input.clientAuthMethod,
    idtyp: "user",
    name: user.displayName,
    oid: user.oid,
    preferred_username: user.upn,
    ...(resourceRoles.length ? { roles: resourceRoles } : {}),
    scp: input.scopes.join(" "),
    sub: pairwiseSubject(user.oid, resource.appId),
    tid: grant.tenantId,
    unique_name: user.upn,
    upn: user.upn,
    uti: tokenId(),
    ver: "2.0",
  });
  const oidc = new Set(grant.scopes.map((s) => s.toLowerCase()));
  const body: Record<string, unknown> = {
    token_type: "Bearer",
    scope: input.scopes.map((s) => qualify(resource, s)).join(" "),
    expires_in: lifetime,
    ext_expires_in: lifetime,
    access_token: accessToken,
  };
  if (oidc.has("openid")) {
    const appRoles = rolesOf(world, grant.tenantId, grant.clientId, user.oid);
    body.id_token = await signToken(state, {
      aud: grant.clientId,
      iss: issuer,
      ...timeClaims(3600),
      // Entra's login_hint claim is opaque; the sandbox's is the UPN, base64url-encoded.
      login_hint: Buffer.from(user.upn).toString("base64url"),
      name: user.displayName,
      ...(grant.nonce ? { nonce: grant.nonce } : {}),
      oid: user.oid,
      preferred_username: user.upn,
      ...(appRoles.length ? { roles: appRoles } : {}),
      sub: pairwiseSubject(user.oid, grant.clientId),
      tid: grant.tenantId,
      uti: tokenId(),
      ver: "2.0",
    });
  }
  body.client_info = clientInfo(user.oid, user.tenantId);
  return body;
}

/** Scopes in a token response are fully qualified, except Graph's, which Entra returns bare. */
function qualify(resource: ResolvedResource, scope: string): string {
  if (resource.displayName === "Microsoft Graph") return scope;
  return `${resource.audience.replace(/\/+$/, "")}/${scope}`;
}

export function newRefreshToken(): string {
  // Entra's refresh tokens are opaque; a recognisable prefix helps when reading logs.
  return `0.sbx.${randomBytes(48).toString("base64url")}`;
}
