import "server-only";
// Verifies the Entra ID access token an agent's workload identity sends to the token API: the
// signature against its tenant's published keys (found through the tenant's OpenID configuration
// and cached by jose's createRemoteJWKSet), the issuer in its v1 or v2 form, the audience (the
// portal's application id URI or client id), the expiry, and the tid and oid claims. Only tenants
// with a registered identity are looked up, so a token from any other tenant never makes the
// portal fetch anything.
import { createRemoteJWKSet, decodeJwt, errors, jwtVerify, type JWTPayload } from "jose";
import { AppError } from "@/lib/server/errors";
import { outboundFetch } from "@/lib/server/outbound/outbound-fetch";
import { settings } from "@/lib/server/settings";

/** Seconds of clock difference allowed on exp and nbf. */
export const CLOCK_TOLERANCE_SECONDS = 60;
const DISCOVERY_TTL_MS = 60 * 60_000;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type VerifiedWorkload = { tenantId: string; objectId: string; appId: string | null };

/** A refusal of a bearer token: 401 with the RFC 6750 challenge, naming the reason. */
export function invalidToken(reason: string, message: string, hint?: string, cause?: unknown): AppError {
  // A header value is ASCII without quotes or backslashes.
  const description = message
    .replaceAll("…", "...")
    .replace(/["\\]/g, "'")
    .replace(/[^\x20-\x7e]/g, "?");
  return new AppError("unauthenticated", message, {
    hint,
    cause,
    wwwAuthenticate: `Bearer realm="TenantBridge", error="invalid_token", error_description="${reason}: ${description}"`,
  });
}

type Discovery = { issuer: string; keys: ReturnType<typeof createRemoteJWKSet> };
const holder = globalThis as unknown as { tenantBridgeAgentDiscovery?: Map<string, { at: number; value: Promise<Discovery> }> };
const discoveries = () => (holder.tenantBridgeAgentDiscovery ??= new Map());

async function loadDiscovery(authorityHost: string, tenantId: string): Promise<Discovery> {
  const url = `${authorityHost}/${tenantId}/v2.0/.well-known/openid-configuration`;
  const response = await outboundFetch(url, { service: "entra", timeoutMs: 5000, budgetMs: 8000 });
  if (!response.ok) {
    throw new AppError("upstream_failed", `Entra ID did not give the OpenID configuration of tenant ${tenantId} (HTTP ${response.status}).`, {
      hint: "Check AZURE_AUTHORITY_HOST and that the tenant exists; the agent can try again in a minute.",
    });
  }
  const document = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
  const jwksUri = typeof document.jwks_uri === "string" ? new URL(document.jwks_uri) : null;
  // The keys must come from the authority itself, never from a host the document names.
  if (!jwksUri || jwksUri.origin !== new URL(authorityHost).origin || typeof document.issuer !== "string") {
    throw new AppError("upstream_failed", `The OpenID configuration of tenant ${tenantId} has no usable issuer and jwks_uri on ${authorityHost}.`);
  }
  return {
    issuer: document.issuer.replace("{tenantid}", tenantId),
    keys: createRemoteJWKSet(jwksUri, { timeoutDuration: 5000, cooldownDuration: 30_000, cacheMaxAge: 24 * 60 * 60_000 }),
  };
}

function discovery(tenantId: string): Promise<Discovery> {
  const { authorityHost } = settings();
  const key = `${authorityHost}|${tenantId}`;
  const cached = discoveries().get(key);
  if (cached && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.value;
  const value = loadDiscovery(authorityHost, tenantId);
  discoveries().set(key, { at: Date.now(), value });
  value.catch(() => discoveries().delete(key));
  return value;
}

/** The token's unverified tenant, to decide whether the portal knows it at all. */
export function unverifiedTenant(token: string): string {
  let claims: JWTPayload;
  try {
    claims = decodeJwt(token);
  } catch (error) {
    throw invalidToken("malformed", "The bearer token is not a JWT.", "Send an Entra ID access token from the managed identity endpoint, or an API token (tb_…).", error);
  }
  if (typeof claims.tid !== "string" || !GUID.test(claims.tid)) {
    throw invalidToken("no_tenant", "The bearer token has no tid claim.", "Send an Entra ID access token for the portal's API.");
  }
  return claims.tid.toLowerCase();
}

/** Accepted issuers: the tenant's v2 issuer (from its OpenID configuration) and v1 issuers. */
function issuersOf(tenantId: string, v2Issuer: string, authorityHost: string): string[] {
  return [v2Issuer, `https://sts.windows.net/${tenantId}/`, `${authorityHost}/${tenantId}/`];
}

export async function verifyAgentAccessToken(token: string, tenantId: string): Promise<VerifiedWorkload> {
  const { authorityHost, apiAudiences } = settings();
  if (apiAudiences.length === 0) {
    throw new AppError("misconfigured", "The token API needs the portal's app registration: set TB_PORTAL_CLIENT_ID (or TB_API_AUDIENCE).");
  }
  const { issuer, keys } = await discovery(tenantId);
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, keys, {
      algorithms: ["RS256"],
      issuer: issuersOf(tenantId, issuer, authorityHost),
      audience: apiAudiences,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ["exp", "tid", "oid"],
    }));
  } catch (error) {
    throw explainVerificationError(error, token, apiAudiences);
  }
  if (String(payload.tid).toLowerCase() !== tenantId) throw invalidToken("wrong_tenant", "The token's tid does not match its issuer.");
  // A user's token delegated to the portal has scopes; the token API is for workload identities.
  if (payload.scp !== undefined || (payload.idtyp !== undefined && payload.idtyp !== "app")) {
    throw invalidToken("not_an_app_token", "The token was issued to a user, not to a workload identity.", "Ask the managed identity endpoint for the token.");
  }
  const appId = typeof payload.appid === "string" ? payload.appid : typeof payload.azp === "string" ? payload.azp : null;
  return { tenantId, objectId: String(payload.oid).toLowerCase(), appId };
}

function explainVerificationError(error: unknown, token: string, audiences: string[]): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof errors.JWTExpired) {
    const exp = decodeJwt(token).exp;
    const when = typeof exp === "number" ? new Date(exp * 1000).toISOString() : "earlier";
    return invalidToken("token_expired", `The token expired at ${when}.`, "Get a fresh token from the managed identity endpoint (ManagedIdentityCredential.getToken does so).", error);
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === "aud") {
      const claims = decodeJwt(token);
      return invalidToken(
        "wrong_audience",
        `The token is for ${JSON.stringify(claims.aud)}, not for this portal.`,
        `Ask the managed identity endpoint for a token for resource ${audiences[0]}.`,
        error,
      );
    }
    if (error.claim === "iss") return invalidToken("wrong_issuer", "The token's issuer is not its tenant's Entra ID issuer.", undefined, error);
    if (error.claim === "nbf") return invalidToken("not_yet_valid", "The token is not valid yet (nbf is in the future).", "Check the agent host's clock.", error);
    return invalidToken("missing_claim", `The token's ${error.claim} claim is missing or invalid.`, undefined, error);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return invalidToken("invalid_signature", "The token's signature does not verify with its tenant's keys: it was altered or not issued by Entra ID.", undefined, error);
  }
  if (error instanceof errors.JWKSNoMatchingKey) {
    return invalidToken("unknown_key", "The token was signed with a key its tenant does not publish.", undefined, error);
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) {
    return invalidToken("malformed", "The bearer token is not a valid RS256 JWT.", undefined, error);
  }
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JOSEError || error instanceof TypeError) {
    return new AppError("upstream_failed", "Entra ID's signing keys could not be fetched to verify the token.", {
      hint: "Try again in a minute; if it persists, check that the portal can reach AZURE_AUTHORITY_HOST.",
      cause: error,
    });
  }
  return invalidToken("invalid_token", "The token could not be verified.", undefined, error);
}
