// Turns an Entra ID error (from MSAL, @azure/identity or a raw token response) into a cause and
// a fix. Codes and meanings: https://learn.microsoft.com/entra/identity-platform/reference-error-codes
// and the workload identity troubleshooting guide; the cross-tenant readings are ours.
import { adminConsentUrl, managedIdentityIssuer, TOKEN_EXCHANGE_AUDIENCE } from "./admin-consent-url";
import { explainCryptoError } from "@/lib/server/crypto/explain-crypto-error";
import type { ChainContext, DecodedError } from "./decoded-error";
import { signInExplanations, type Explanation } from "./sign-in-explanations";

const or = (value: string | null | undefined, fallback: string) => value ?? fallback;

const explanations: Record<string, (c: ChainContext, raw: string) => Explanation> = {
  ...signInExplanations,
  "700016": (c) => ({
    title: "The app has no service principal in the target tenant",
    cause: `The multi-tenant app ${or(c.appClientId, "")} was not found in tenant ${or(c.targetTenantId, "")}: nobody there has consented to it yet, the client id is wrong, or the request went to the wrong tenant.`,
    fix: "An administrator of the target tenant must open the admin consent link and accept. Then run the test again.",
    expected: `A service principal for app ${or(c.appClientId, "?")} in tenant ${or(c.targetTenantId, "?")}`,
    configured: "None found",
    link: c.targetTenantId && c.appClientId ? { label: "Admin consent link for the target tenant", href: adminConsentUrl(c.authorityHost, c.targetTenantId, c.appClientId) } : undefined,
  }),
  "700236": (c) => ({
    title: "The app is registered in the wrong tenant",
    cause: `The federated credential is on an app whose home tenant is not the managed identity's tenant. Entra ID only accepts a managed identity's token as a credential for apps registered in the identity's own tenant (${or(c.agentTenantId, "the agent tenant")}).`,
    fix: "Register a multi-tenant app (Accounts in any organizational directory) in the agent's tenant, put the federated credential on it, and consent that app into the target tenant. Then use its client id here.",
    expected: `App registered in the agent tenant ${or(c.agentTenantId, "?")}`,
    configured: `App ${or(c.appClientId, "?")}, registered in another tenant`,
  }),
  "700213": (c) => ({
    title: "The federated credential's subject is not the identity's principal id",
    cause:
      "No federated credential on the app has a subject equal to the managed identity token's subject. The subject must be the identity's Object (principal) ID — not its client id — and it is case-sensitive. A credential created in the last few minutes may also still be propagating.",
    fix: "Edit the app's federated credential so its subject is the identity's principal id (or create a new one), wait a minute, and run the test again.",
    expected: `subject = ${or(c.miPrincipalId, "the identity's principal id")}`,
    configured: "A subject that does not match (often the identity's client id)",
  }),
  "7002138": (c, raw) => ({
    title: "The federated credential's subject differs only in upper and lower case",
    cause: `The credential's subject equals the managed identity token's subject${quoted(raw, "subject") ? ` (${quoted(raw, "subject")})` : ""} only when case is ignored. Entra ID has compared subjects case-sensitively since 2024 (apps that were already in use then may still match either way).`,
    fix: "Edit the federated credential so its subject is the identity's principal id exactly as the identity's Overview page shows it (lower case for a GUID), then run the test again.",
    expected: `subject = ${or(c.miPrincipalId, quoted(raw, "subject") ?? "the identity's principal id")} (exactly, case-sensitive)`,
    configured: "The same value in other upper and lower case",
  }),
  "700211": (c) => ({
    title: "The federated credential's issuer does not match",
    cause: "No federated credential on the app names the issuer of the managed identity's token. The issuer must be the identity tenant's v2.0 issuer, with no leading or trailing spaces.",
    fix: "Set the credential's issuer to the expected value below.",
    expected: c.agentTenantId ? managedIdentityIssuer(c.authorityHost, c.agentTenantId) : "https://login.microsoftonline.com/<agent tenant>/v2.0",
    configured: "An issuer that does not match",
  }),
  "700212": () => ({
    title: "The federated credential's audience does not match",
    cause: `No federated credential on the app lists the audience of the managed identity's token.`,
    fix: `Set the credential's audience to ${TOKEN_EXCHANGE_AUDIENCE}.`,
    expected: `audiences = [${TOKEN_EXCHANGE_AUDIENCE}]`,
    configured: "Another audience",
  }),
  "7002121": (_c, raw) => ({
    title: "The managed identity token was requested for the wrong resource",
    cause: `The assertion's audience${quoted(raw, "audience") ? ` (${quoted(raw, "audience")})` : ""} matches no federated credential: the identity's token was requested for a resource other than the token exchange, for example ARM's.`,
    fix: `Request the managed identity token for ${TOKEN_EXCHANGE_AUDIENCE} (scope ${TOKEN_EXCHANGE_AUDIENCE}/.default) and use that one as the client assertion; do not edit the credential's audience.`,
    expected: `assertion audience = ${TOKEN_EXCHANGE_AUDIENCE}`,
    configured: quoted(raw, "audience") ? `assertion audience = ${quoted(raw, "audience")}` : undefined,
  }),
  "700227": () => ({
    title: "The federated credential has a forbidden audience",
    cause: "The credential's audience is set to a value Entra ID does not allow (for example an issuer URL).",
    fix: `Set the credential's audience to ${TOKEN_EXCHANGE_AUDIENCE}.`,
    expected: TOKEN_EXCHANGE_AUDIENCE,
  }),
  "70021": () => ({
    title: "No federated credential matches the assertion",
    cause: "The issuer or subject of the presented token matches none of the app's federated credentials.",
    fix: "Compare the credential's issuer and subject with the expected values from the setup assistant.",
  }),
  "70025": () => ({
    title: "The app has no federated credentials",
    cause: "The app has no federated identity credential at all, so a managed identity token cannot sign it in.",
    fix: "Create the federated credential with the values from the setup assistant (az CLI, Bicep or Graph).",
  }),
  "700226": (_c, raw) =>
    /system-assigned/i.test(raw)
      ? systemAssignedExplanation()
      : {
          title: "Only a managed identity's token can be the credential",
          cause: "The assertion is an Entra ID token that is not a managed identity's token (for example an app's token).",
          fix: "Use the user-assigned managed identity's token for api://AzureADTokenExchange as the client assertion.",
        },
  "700222": () => ({
    title: "This kind of Entra ID token cannot be used here",
    cause: "Entra ID refused the assertion: tokens it issued may not be used in this federated flow.",
    fix: "Use the user-assigned managed identity's token for api://AzureADTokenExchange as the client assertion.",
  }),
  "700229": () => ({
    title: "Only app-only tokens can be the credential",
    cause: "The assertion is a user token; a federated credential accepts only a managed identity's app-only token.",
    fix: "Use the managed identity's token, not a signed-in user's.",
  }),
  "700024": () => ({
    title: "The assertion has expired",
    cause: "The managed identity token used as the client assertion is outside its valid time range (it was reused too long or the clocks disagree).",
    fix: "Fetch a fresh managed identity token for each exchange (the portal caches it only until five minutes before expiry) and check the host's clock.",
  }),
  "7000215": () => ({
    title: "The client secret is wrong or expired",
    cause: "Entra ID rejected the app's client secret.",
    fix: "Move this connector to managed identity + federated credential, which needs no secret. Until then, create a new secret and update it.",
  }),
  "7000112": (c) => ({
    title: "The app is disabled in the target tenant",
    cause: `The service principal of app ${or(c.appClientId, "")} in the target tenant is disabled.`,
    fix: "An administrator of the target tenant must enable it (Enterprise applications → Properties → Enabled for users to sign in).",
  }),
  "500011": (_c, raw) => {
    const resource = /resource principal named (\S+) was not found/.exec(raw)?.[1];
    return {
      title: "The target service is not known in the target tenant",
      cause: `Entra ID has no resource ${resource ?? "(the requested scope's resource)"} in the tenant: the scope names a resource that does not exist (a typing mistake in the URI, a wrong cloud), or the resource's service principal was never created there.`,
      fix: "Check the scope's resource URI (for example https://management.azure.com/.default, https://<account>.blob.core.windows.net/.default) and the target tenant id. A tenant that has never used the service has no principal for it; sign in to the service once in that tenant.",
      expected: "A resource URI or app id Entra ID knows in the target tenant",
      configured: resource,
    };
  },
  "70011": () => ({
    title: "The requested scope is not valid",
    cause: "The scope sent to Entra ID is malformed. App-only requests need the resource followed by /.default.",
    fix: "Use the resource's /.default scope (for Azure DevOps 499b84ac-1321-427f-aa17-267ca6975798/.default).",
  }),
  "65001": (c) => ({
    title: "Consent is missing",
    cause: "The user or an administrator of the target tenant has not consented to the portal using this service on their behalf.",
    fix: "Sign in again and accept the consent prompt, or have an administrator of the target tenant grant admin consent.",
    link: c.targetTenantId && c.appClientId ? { label: "Admin consent link", href: adminConsentUrl(c.authorityHost, c.targetTenantId, c.appClientId) } : undefined,
  }),
  "50020": () => ({
    title: "This account is not in the tenant",
    cause: "The account that signed in is neither a member nor a guest of the tenant the sign-in was sent to.",
    fix: "Choose “Use another account” and sign in with an account of the organization's tenant, or ask its administrator to invite you as a guest.",
  }),
  "90002": (c) => ({
    title: "The tenant does not exist",
    cause: `Entra ID does not know tenant ${or(c.targetTenantId, "")}.`,
    fix: "Check the tenant id (a GUID, found in Entra ID → Overview) and that it is in the same cloud.",
  }),
  "700223": () => ({
    title: "Federated credentials are blocked by policy",
    cause: "A tenant policy disables or restricts workload identity federation.",
    fix: "Ask the Entra ID administrator to allow federated credentials for this app.",
  }),
};
explanations["700238"] = explanations["700223"]!;

/** The quoted value after "presented assertion <what>" in an FIC error. */
function quoted(raw: string, what: "subject" | "audience" | "issuer"): string | undefined {
  return new RegExp(`presented assertion ${what} '([^']*)'`).exec(raw)?.[1];
}

/** Why a system-assigned identity cannot be the credential (Entra's documented restriction). */
export function systemAssignedExplanation(hostResourceId?: string): Explanation {
  return {
    title: "A system-assigned identity cannot be a federated credential",
    cause: `Only user-assigned managed identities can be used as a federated identity credential of an app; system-assigned identities aren't supported (Entra ID's documentation).${hostResourceId ? ` This token belongs to the system-assigned identity of ${hostResourceId}.` : ""}`,
    fix: "Create a user-assigned managed identity, attach it to the agent's host (Identity → User assigned), put its principal id in the app's federated credential, and configure its client id here.",
    expected: "A user-assigned identity (…/providers/Microsoft.ManagedIdentity/userAssignedIdentities/…)",
    configured: hostResourceId ? `System-assigned identity of ${hostResourceId}` : "A system-assigned identity",
  };
}

/** Whether the decoder has a cause and fix of its own for an AADSTS number (not the generic text). */
export function explainsAadsts(code: number | string): boolean {
  return String(code) in explanations;
}

const AADSTS = /AADSTS(\d+)/;

function textOf(error: unknown): string {
  if (typeof error === "string") return error;
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `\n${error.cause.message}` : "";
    return `${error.message}${cause}`;
  }
  if (error && typeof error === "object") {
    const body = error as { error_description?: unknown; error?: unknown };
    if (typeof body.error_description === "string") return body.error_description;
    return JSON.stringify(error);
  }
  return String(error);
}

/** Decodes an Entra error. Unknown codes come back verbatim with their trace id, never swallowed. */
export function decodeEntraError(error: unknown, context: ChainContext): DecodedError {
  // Callers pass whatever a token acquisition threw; a stored secret that failed to decrypt
  // threw before any request left, so it is not Entra's to explain.
  const crypto = explainCryptoError(error);
  if (crypto) return crypto;
  const raw = textOf(error);
  const number = AADSTS.exec(raw)?.[1];
  const traceId = /Trace ID: ([0-9a-f-]{36})/i.exec(raw)?.[1];
  const correlationId = /Correlation ID: ([0-9a-f-]{36})/i.exec(raw)?.[1];
  const explain = number ? explanations[number] : undefined;
  if (explain) return { code: `AADSTS${number}`, raw, traceId, correlationId, ...explain(context, raw) };
  return {
    code: number ? `AADSTS${number}` : "unknown",
    title: number ? `Entra ID refused the request (AADSTS${number})` : "Entra ID refused the request",
    cause: "TenantBridge does not have an explanation for this error yet; Entra ID's own message is below.",
    fix: number
      ? `Look up AADSTS${number} in Entra ID's error reference (https://login.microsoftonline.com/error?code=${number}) and quote the trace id to your administrator.`
      : "Quote the message and trace id below to your administrator.",
    raw,
    traceId,
    correlationId,
  };
}
