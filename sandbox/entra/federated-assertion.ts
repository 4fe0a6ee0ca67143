// Validating a client assertion against an app's federated identity credentials, in the order
// Entra reports failures:
//  1. well-formed, signed by the issuer's keys;  2. nbf/exp (AADSTS700024);
//  3. a FIC on the app registration (in its HOME tenant) matching issuer (700211), then
//     audience (700212; 7002121 for an Entra-issued token, e.g. a managed identity token asked
//     for ARM), then subject (700213), compared case-sensitively since Entra's 2024 change: a
//     subject that matches only when case is ignored is 7002138, unless the app still matches
//     case-insensitively (apps active before the change);
//  4. rules for Entra-issued assertions: app-only (700229), managed identity only (700226), a
//     user-assigned identity (a system-assigned one's xms_mirid names its host, not a
//     userAssignedIdentities resource), and the issuer's tenant must be the app's home tenant (700236).
// An Entra-issued assertion may be v1.0 (iss https://sts.windows.net/{tid}/, as managed identity
// tokens for ARM are) or v2.0; both name the same tenant's issuer when matched against a FIC.
// A FIC audience matches a token's `aud` when both name the same resource (the exchange's v2.0
// tokens carry its app id, while FICs say api://AzureADTokenExchange).
// https://learn.microsoft.com/entra/identity-platform/reference-breaking-changes#federated-identity-credentials-now-use-case-sensitive-matching
// Target-tenant checks (service principal, resource, scope) come after, in the grant handler.
// https://learn.microsoft.com/entra/workload-id/workload-identity-federation-config-app-trust-managed-identity
import { decodeJwt, decodeProtectedHeader, type JWTPayload } from "jose";
import type { SandboxState } from "../core/state";
import type { Application } from "../world/identity";
import { normaliseIssuer, sandboxIssuer, tenantOfEntraIssuer } from "../world/issuer";
import { resolveResource } from "./resources";
import { aadsts } from "./error-catalogue";
import { EntraFailure } from "./errors";
import { checkSandboxSignature } from "./tokens";

/** The claim Entra puts in managed identity tokens (the identity's ARM resource id). */
export const MANAGED_IDENTITY_CLAIM = "xms_mirid";

/** Only these resources are user-assigned identities; any other xms_mirid names a host's system-assigned identity. */
const USER_ASSIGNED_RESOURCE = /\/providers\/Microsoft\.ManagedIdentity\/userAssignedIdentities\/[^/]+$/i;

export async function validateFederatedAssertion(state: SandboxState, app: Application, assertion: string): Promise<JWTPayload> {
  const origin = state.origin;
  let claims: JWTPayload;
  let kid = "";
  try {
    claims = decodeJwt(assertion);
    kid = String(decodeProtectedHeader(assertion).kid ?? "");
  } catch {
    throw new EntraFailure(aadsts.malformedAssertion());
  }
  const issuer = typeof claims.iss === "string" ? claims.iss : "";
  const issuerTenant = tenantOfEntraIssuer(issuer, origin);
  // A v1.0 Entra issuer is matched as its tenant's v2.0 issuer.
  const matchedIssuer = issuerTenant ? sandboxIssuer(origin, issuerTenant) : normaliseIssuer(issuer, origin);
  const ficsForIssuer = app.federatedIdentityCredentials.filter((fic) => normaliseIssuer(fic.issuer, origin) === matchedIssuer);

  // 1. Signature. The sandbox can verify its own issuers only; an external issuer that no FIC
  // trusts fails on the issuer match exactly like in Entra, any other is reported as unverifiable.
  if (issuerTenant) {
    const signature = await checkSandboxSignature(state, assertion);
    if (!signature.ok) throw new EntraFailure(signature.reason === "malformed" ? aadsts.malformedAssertion() : aadsts.assertionSignatureInvalid(kid));
  } else if (ficsForIssuer.length > 0) {
    throw new EntraFailure(aadsts.assertionUnverifiable(issuer));
  }

  // 2. Time window. No clock skew: the sandbox and its clients share a clock.
  const now = Math.floor(Date.now() / 1000);
  const nbf = typeof claims.nbf === "number" ? claims.nbf : typeof claims.iat === "number" ? claims.iat : now;
  const exp = typeof claims.exp === "number" ? claims.exp : 0;
  if (now < nbf || now >= exp) {
    throw new EntraFailure(aadsts.assertionExpired(new Date(now * 1000), new Date(nbf * 1000), new Date(exp * 1000)));
  }

  // 3. FIC match on the app registration.
  if (!ficsForIssuer.length) throw new EntraFailure(aadsts.noFicForIssuer(issuer));
  const audiences = Array.isArray(claims.aud) ? claims.aud : typeof claims.aud === "string" ? [claims.aud] : [];
  const world = state.world();
  const sameResource = (ficAudience: string, aud: string) => {
    if (ficAudience === aud) return true;
    const a = resolveResource(world, origin, ficAudience);
    const b = resolveResource(world, origin, aud);
    return Boolean(a && b && a.appId === b.appId);
  };
  const ficsForAudience = ficsForIssuer.filter((fic) => fic.audiences.some((a) => audiences.some((aud) => sameResource(a, aud))));
  if (!ficsForAudience.length) {
    throw new EntraFailure(issuerTenant ? aadsts.noFicForEntraAudience(audiences.join(",")) : aadsts.noFicForAudience(audiences.join(",")));
  }
  const subject = typeof claims.sub === "string" ? claims.sub : "";
  if (!ficsForAudience.some((fic) => fic.subject === subject)) {
    const ignoringCase = ficsForAudience.some((fic) => fic.subject.toLowerCase() === subject.toLowerCase());
    if (!ignoringCase) throw new EntraFailure(aadsts.noFicForSubject(subject));
    if (!app.ficSubjectCaseInsensitive) throw new EntraFailure(aadsts.ficSubjectCaseMismatch(subject));
  }

  // 4. Entra-issued assertions. The token-type check runs before the managed-identity check:
  // a user token is also "not an MSI token", and Entra names the more specific cause.
  if (issuerTenant) {
    if (claims.idtyp === "user" || typeof claims.scp === "string") throw new EntraFailure(aadsts.onlyAppOnlyTokens());
    const resourceId = claims[MANAGED_IDENTITY_CLAIM];
    if (typeof resourceId !== "string") throw new EntraFailure(aadsts.onlyMsiTokens());
    if (!USER_ASSIGNED_RESOURCE.test(resourceId)) throw new EntraFailure(aadsts.systemAssignedAssertion(resourceId));
    if (issuerTenant.toLowerCase() !== app.homeTenantId.toLowerCase()) throw new EntraFailure(aadsts.issuerTenantMismatch(issuer));
  }
  return claims;
}
