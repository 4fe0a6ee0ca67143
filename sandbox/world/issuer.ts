// Issuer URLs in a world. The sandbox's Entra issuer is `{origin}/{tenantId}/v2.0`, and the origin
// (port) differs between runs, so world documents write `{authority}/{tenantId}/v2.0` and the
// sandbox resolves the placeholder when it compares or serves an issuer. Real Azure's issuer,
// `https://login.microsoftonline.com/{tenantId}/v2.0`, is accepted as an alias, so an operator
// who pastes the production value into a sandbox FIC gets the outcome production would give.

export const AUTHORITY_PLACEHOLDER = "{authority}";
export const REAL_AZURE_AUTHORITY = "https://login.microsoftonline.com";
export const TOKEN_EXCHANGE_AUDIENCE = "api://AzureADTokenExchange";

/** The issuer of a tenant, written with the placeholder, for world documents. */
export function authorityIssuer(tenantId: string): string {
  return `${AUTHORITY_PLACEHOLDER}/${tenantId}/v2.0`;
}

/** The issuer the sandbox puts in tokens of `tenantId`. */
export function sandboxIssuer(origin: string, tenantId: string): string {
  return `${origin}/${tenantId}/v2.0`;
}

/** Replace the placeholder with the sandbox origin (what Graph returns and tokens carry). */
export function resolveIssuer(issuer: string, origin: string): string {
  return issuer.startsWith(AUTHORITY_PLACEHOLDER) ? origin + issuer.slice(AUTHORITY_PLACEHOLDER.length) : issuer;
}

/**
 * Entra compares FIC issuers exactly (case and whitespace count), so only the authority part is
 * normalised here: the placeholder and the production host both mean "this sandbox".
 */
export function normaliseIssuer(issuer: string, origin: string): string {
  const resolved = resolveIssuer(issuer, origin);
  return resolved.startsWith(`${REAL_AZURE_AUTHORITY}/`) ? origin + resolved.slice(REAL_AZURE_AUTHORITY.length) : resolved;
}

/**
 * Entra's v1.0 issuer, `https://sts.windows.net/{tenantId}/`, used in tokens for resources that
 * accept v1.0 tokens (ARM, Azure DevOps, Kusto, Graph). The sandbox signs these too; it keeps the
 * real host because nobody fetches keys from an issuer of an access token.
 */
export const V1_ISSUER_HOST = "https://sts.windows.net";

export function v1Issuer(tenantId: string): string {
  return `${V1_ISSUER_HOST}/${tenantId}/`;
}

/** The tenant id of a v1.0 issuer, or null. */
export function tenantOfV1Issuer(issuer: string): string | null {
  return /^https:\/\/sts\.windows\.net\/([0-9a-f-]{36})\/$/i.exec(issuer)?.[1] ?? null;
}

/** The tenant of an issuer the sandbox signs for: its v2.0 issuer or Entra's v1.0 issuer. */
export function tenantOfEntraIssuer(issuer: string, origin: string): string | null {
  return tenantOfSandboxIssuer(issuer, origin) ?? tenantOfV1Issuer(issuer);
}

/** The tenant id of a sandbox issuer, or null when the issuer is not one of the sandbox's. */
export function tenantOfSandboxIssuer(issuer: string, origin: string): string | null {
  const normalised = normaliseIssuer(issuer, origin);
  const match = new RegExp(`^${escapeRegExp(origin)}/([0-9a-f-]{36})/v2\\.0$`, "i").exec(normalised);
  return match?.[1] ?? null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
