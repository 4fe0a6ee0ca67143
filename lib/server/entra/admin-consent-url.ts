// https://learn.microsoft.com/entra/identity/enterprise-apps/grant-admin-consent — an admin of the
// target tenant opens this to create the multi-tenant app's service principal there.
export function adminConsentUrl(authorityHost: string, targetTenantId: string, appClientId: string, redirectUri?: string): string {
  const url = new URL(`${authorityHost}/${encodeURIComponent(targetTenantId)}/adminconsent`);
  url.searchParams.set("client_id", appClientId);
  if (redirectUri) url.searchParams.set("redirect_uri", redirectUri);
  return url.toString();
}

/** The issuer a FIC must name for tokens of a managed identity in `tenantId` (public cloud form). */
export function managedIdentityIssuer(authorityHost: string, tenantId: string): string {
  return `${authorityHost}/${tenantId}/v2.0`;
}

export const TOKEN_EXCHANGE_AUDIENCE = "api://AzureADTokenExchange";
