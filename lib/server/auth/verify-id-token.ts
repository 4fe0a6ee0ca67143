import "server-only";
// The browser hands the server the ID token from the MSAL popup. The server trusts nothing in
// it until the signature checks out against the tenant's published keys, the issuer and
// audience are the portal's, and the nonce is the one this browser was given (no replay).
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from "jose";
import { AppError } from "@/lib/server/errors";
import type { Role } from "./permissions";

export const ADMIN_APP_ROLE = "TenantBridge.Admin";
export const READER_APP_ROLE = "TenantBridge.Reader";

const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

function keySet(url: string) {
  let set = keySets.get(url);
  if (!set) {
    set = createRemoteJWKSet(new URL(url), { timeoutDuration: 10_000, cooldownDuration: 30_000 });
    keySets.set(url, set);
  }
  return set;
}

export type VerifiedIdentity = { operatorId: string; tenantId: string; name: string; username: string; role: Role };

export async function verifyIdToken(idToken: string, expected: { authorityHost: string; tenantId: string; clientId: string; nonce: string }): Promise<VerifiedIdentity> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(idToken, keySet(`${expected.authorityHost}/${expected.tenantId}/discovery/v2.0/keys`), {
      issuer: `${expected.authorityHost}/${expected.tenantId}/v2.0`,
      audience: expected.clientId,
      algorithms: ["RS256"],
      clockTolerance: 120,
    }));
  } catch (error) {
    throw new AppError("unauthenticated", "The sign-in could not be verified. Sign in again.", { cause: error });
  }
  if (payload.nonce !== expected.nonce) {
    throw new AppError("unauthenticated", "The sign-in response does not belong to this browser session. Sign in again.");
  }
  const roles = Array.isArray(payload.roles) ? payload.roles.map(String) : [];
  const role: Role | null = roles.includes(ADMIN_APP_ROLE) ? "admin" : roles.includes(READER_APP_ROLE) ? "reader" : null;
  const username = String(payload.preferred_username ?? payload.upn ?? payload.email ?? "");
  if (!role) {
    throw new AppError("forbidden", `${username || "This account"} has no TenantBridge role.`, {
      hint: `Ask an administrator of the portal's tenant to assign the ${READER_APP_ROLE} or ${ADMIN_APP_ROLE} app role to you in Entra ID (Enterprise applications → TenantBridge → Users and groups).`,
    });
  }
  return {
    operatorId: String(payload.oid ?? payload.sub),
    tenantId: String(payload.tid ?? expected.tenantId),
    name: String(payload.name ?? username),
    username,
    role,
  };
}
