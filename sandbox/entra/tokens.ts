// Signing and verifying the sandbox's JWTs. Header and claims follow Entra's (RS256, kid = x5t)
// so that MSAL, @azure/identity and the resource services decode them like real tokens.
import { randomBytes, randomUUID } from "node:crypto";
import { compactVerify, decodeJwt, SignJWT, type JWTPayload } from "jose";
import type { AccessTokenClaims } from "../contract";
import type { SandboxState } from "../core/state";
import { sandboxIssuer, tenantOfEntraIssuer } from "../world/issuer";

export async function signToken(state: SandboxState, claims: JWTPayload): Promise<string> {
  const { kid, privateKey } = state.signingKey;
  return new SignJWT(claims).setProtectedHeader({ typ: "JWT", alg: "RS256", kid, x5t: kid }).sign(privateKey);
}

/** Entra's `uti`: a short random token id. */
export function tokenId(): string {
  return randomBytes(16).toString("base64url").slice(0, 22);
}

export type TimedClaims = { iat: number; nbf: number; exp: number };

export function timeClaims(lifetimeSeconds: number, now = Math.floor(Date.now() / 1000)): TimedClaims {
  return { iat: now, nbf: now, exp: now + lifetimeSeconds };
}

export function issuerOf(state: SandboxState, tenantId: string): string {
  return sandboxIssuer(state.origin, tenantId);
}

export type SignatureCheck = { ok: true; claims: JWTPayload } | { ok: false; reason: "malformed" | "signature" };

/** Checks only that the sandbox signed the token; time and audience are the caller's rules. */
export async function checkSandboxSignature(state: SandboxState, jwt: string): Promise<SignatureCheck> {
  let claims: JWTPayload;
  try {
    claims = decodeJwt(jwt);
  } catch {
    return { ok: false, reason: "malformed" };
  }
  try {
    await compactVerify(jwt, state.signingKey.publicKey, { algorithms: ["RS256"] });
  } catch {
    return { ok: false, reason: "signature" };
  }
  return { ok: true, claims };
}

/**
 * For resource services: signature, sandbox issuer, nbf/exp. Real resources allow ~5 minutes of
 * clock skew; the sandbox allows none on `exp` so tests can expire a token in a second.
 */
export async function verifyAccessToken(state: SandboxState, jwt: string): Promise<AccessTokenClaims | null> {
  const checked = await checkSandboxSignature(state, jwt);
  if (!checked.ok) return null;
  const claims = checked.claims as Partial<AccessTokenClaims> & JWTPayload;
  const now = Math.floor(Date.now() / 1000);
  if (typeof claims.exp !== "number" || claims.exp <= now) return null;
  if (typeof claims.nbf === "number" && claims.nbf - 5 > now) return null;
  if (typeof claims.iss !== "string" || !tenantOfEntraIssuer(claims.iss, state.origin)) return null;
  if (typeof claims.aud !== "string" || typeof claims.tid !== "string" || typeof claims.oid !== "string") return null;
  return claims as AccessTokenClaims;
}

export function newTraceId(): string {
  return randomUUID();
}
