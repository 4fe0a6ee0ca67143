import "server-only";
// The FIC that lets the agent's user-assigned identity sign in as the multi-tenant app.
// https://learn.microsoft.com/entra/workload-id/workload-identity-federation-config-app-trust-managed-identity
import { managedIdentityIssuer, TOKEN_EXCHANGE_AUDIENCE } from "@/lib/server/entra/admin-consent-url";
import type { FicCredentialDto, FicInputs } from "@/lib/schemas/fic";

export const PUBLIC_CLOUD_AUTHORITY = "https://login.microsoftonline.com";

export function federatedCredential(authorityHost: string, inputs: FicInputs): FicCredentialDto {
  // Entra compares issuer and subject exactly: no whitespace, and the subject is the principal
  // (object) id in lower case, as the identity's tokens carry it in `sub`.
  const issuer = managedIdentityIssuer(authorityHost, inputs.agentTenantId.trim());
  const realAzureIssuer = managedIdentityIssuer(PUBLIC_CLOUD_AUTHORITY, inputs.agentTenantId.trim());
  return {
    name: inputs.ficName.trim(),
    issuer,
    subject: inputs.miPrincipalId.trim().toLowerCase(),
    audiences: [TOKEN_EXCHANGE_AUDIENCE],
    description: `Lets managed identity ${inputs.miClientId.trim().toLowerCase()} sign in as this app (TenantBridge).`,
    realAzureIssuer: realAzureIssuer === issuer ? null : realAzureIssuer,
  };
}

/** The JSON body Graph and `az ad app federated-credential create` both accept. */
export function credentialJson(credential: FicCredentialDto): string {
  const { name, issuer, subject, audiences, description } = credential;
  return JSON.stringify({ name, issuer, subject, audiences, description }, null, 2);
}
