// Building token responses. Access tokens are shaped per the resource's token version
// (token-shape.ts); ID tokens carry what MSAL builds an account from (oid, tid,
// preferred_username, name, nonce) and are always v2.0 from the v2.0 endpoint.
import { createHash, randomBytes } from "node:crypto";
import type { SandboxState, UserGrant } from "../core/state";
import type { User } from "../world/identity";
import { clientInfo } from "./authorize-response";
import { rolesOf } from "./directory";
import type { ResolvedResource } from "./resources";
import { appAccessClaims, userAccessClaims } from "./token-shape";
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
  const accessToken = await signToken(
    state,
    appAccessClaims(state, {
      tenantId: input.tenantId,
      resource: input.resource,
      clientAppId: input.clientAppId,
      clientAuthMethod: input.clientAuthMethod,
      objectId: input.clientPrincipalId,
      roles,
      lifetimeSeconds: lifetime,
    }),
  );
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
  const accessToken = await signToken(
    state,
    userAccessClaims(state, {
      tenantId: grant.tenantId,
      resource,
      clientAppId: grant.clientId,
      clientAuthMethod: input.clientAuthMethod,
      user,
      subject: pairwiseSubject(user.oid, resource.appId),
      scopes: input.scopes,
      roles: resourceRoles,
      lifetimeSeconds: lifetime,
    }),
  );
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
