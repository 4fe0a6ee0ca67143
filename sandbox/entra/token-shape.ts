// The claims of an access token in the shape Entra issues it. The version belongs to the resource
// (resources.ts): v1.0 tokens say `iss https://sts.windows.net/{tid}/`, `ver 1.0`, and name the
// client with `appid`/`appidacr` and a user with `upn`/`unique_name`; v2.0 tokens say
// `iss {authority}/{tid}/v2.0`, `ver 2.0`, `azp`/`azpacr` and `preferred_username`, and their
// `aud` is always the resource's app id.
// https://learn.microsoft.com/entra/identity-platform/access-token-claims-reference
import type { JWTPayload } from "jose";
import type { SandboxState } from "../core/state";
import { v1Issuer } from "../world/issuer";
import type { ResolvedResource } from "./resources";
import { issuerOf, timeClaims, tokenId } from "./tokens";

export type AppClaimsInput = {
  tenantId: string;
  resource: ResolvedResource;
  /** The calling app's (or managed identity's) client id. */
  clientAppId: string;
  /** "1" client secret, "2" certificate, assertion or managed identity. */
  clientAuthMethod: "1" | "2";
  /** The caller's object id in the tenant (oid and sub of app tokens). */
  objectId: string;
  roles: string[];
  lifetimeSeconds: number;
};

export function appAccessClaims(state: SandboxState, input: AppClaimsInput): JWTPayload {
  const v1 = input.resource.tokenVersion === 1;
  const issuer = v1 ? v1Issuer(input.tenantId) : issuerOf(state, input.tenantId);
  return {
    aud: input.resource.audience,
    iss: issuer,
    ...timeClaims(input.lifetimeSeconds),
    ...(v1 ? { appid: input.clientAppId, appidacr: input.clientAuthMethod } : { azp: input.clientAppId, azpacr: input.clientAuthMethod }),
    idp: v1Issuer(input.tenantId),
    idtyp: "app",
    oid: input.objectId,
    sub: input.objectId,
    tid: input.tenantId,
    ...(input.roles.length ? { roles: input.roles } : {}),
    uti: tokenId(),
    ver: v1 ? "1.0" : "2.0",
  };
}

export type UserClaimsInput = {
  tenantId: string;
  resource: ResolvedResource;
  clientAppId: string;
  clientAuthMethod: "0" | "1" | "2";
  user: { oid: string; upn: string; displayName: string };
  /** Pairwise subject for this user and resource. */
  subject: string;
  scopes: string[];
  roles: string[];
  lifetimeSeconds: number;
};

export function userAccessClaims(state: SandboxState, input: UserClaimsInput): JWTPayload {
  const v1 = input.resource.tokenVersion === 1;
  return {
    aud: input.resource.audience,
    iss: v1 ? v1Issuer(input.tenantId) : issuerOf(state, input.tenantId),
    ...timeClaims(input.lifetimeSeconds),
    amr: ["pwd"],
    ...(v1 ? { appid: input.clientAppId, appidacr: input.clientAuthMethod } : { azp: input.clientAppId, azpacr: input.clientAuthMethod }),
    idtyp: "user",
    name: input.user.displayName,
    oid: input.user.oid,
    ...(v1 ? { unique_name: input.user.upn, upn: input.user.upn } : { preferred_username: input.user.upn }),
    ...(input.roles.length ? { roles: input.roles } : {}),
    scp: input.scopes.join(" "),
    sub: input.subject,
    tid: input.tenantId,
    uti: tokenId(),
    ver: v1 ? "1.0" : "2.0",
  };
}
