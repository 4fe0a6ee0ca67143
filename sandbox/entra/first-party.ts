// Microsoft's first-party resources the sandbox knows: the one list of known resources. Like in
// Entra, their service principals exist in every tenant without anyone consenting; a world may
// still list one explicitly to hold app role grants (e.g. Graph application permissions of a
// connector app). A resource in neither this list nor the world gets AADSTS500011, as in Entra.
//
// The token version is the resource's own setting (its manifest's accessTokenAcceptedVersion),
// not the endpoint's: ARM, Azure DevOps, Kusto and Graph accept v1.0 tokens, so Entra issues them
// v1.0 tokens even from the v2.0 endpoint; the token exchange audience gets v2.0 tokens.
// https://learn.microsoft.com/entra/identity-platform/access-tokens#token-formats
import { RESOURCE } from "../world/default/ids";

export type FirstPartyResource = {
  appId: string;
  displayName: string;
  /** Identifier URIs accepted in scopes; the token's `aud` is the form the client asked for. */
  identifierUris: string[];
  /** The access token version Entra issues for this resource. */
  tokenVersion: 1 | 2;
};

/**
 * The app id behind `api://AzureADTokenExchange`: managed identity tokens for that audience carry
 * it as `aud` (v2.0 tokens name the resource by app id), as decoded tokens in public samples show
 * (https://github.com/arsenvlad/entra-cross-tenant-app-fic-managed-identity).
 */
export const TOKEN_EXCHANGE_APP_ID = "fb60f99c-7a34-4190-8149-302f77469936";

export const FIRST_PARTY_RESOURCES: FirstPartyResource[] = [
  { appId: RESOURCE.azureDevOps.appId, displayName: "Azure DevOps", identifierUris: ["https://app.vssps.visualstudio.com"], tokenVersion: 1 },
  { appId: RESOURCE.kusto.appId, displayName: "Azure Data Explorer", identifierUris: [RESOURCE.kusto.uri, "https://help.kusto.windows.net"], tokenVersion: 1 },
  {
    appId: RESOURCE.arm.appId,
    displayName: "Windows Azure Service Management API",
    identifierUris: [RESOURCE.arm.uri, "https://management.azure.com", "https://management.core.windows.net/"],
    tokenVersion: 1,
  },
  { appId: RESOURCE.graph.appId, displayName: "Microsoft Graph", identifierUris: [RESOURCE.graph.uri, "https://graph.microsoft.com/"], tokenVersion: 1 },
  { appId: RESOURCE.storage.appId, displayName: "Azure Storage", identifierUris: [RESOURCE.storage.uri, "https://storage.azure.com/"], tokenVersion: 1 },
  { appId: RESOURCE.keyVault.appId, displayName: "Azure Key Vault", identifierUris: [RESOURCE.keyVault.uri, "https://vault.azure.net/"], tokenVersion: 1 },
  { appId: TOKEN_EXCHANGE_APP_ID, displayName: "AAD Token Exchange Endpoint", identifierUris: [RESOURCE.tokenExchange.uri], tokenVersion: 2 },
];

export function firstPartyByAppId(appId: string): FirstPartyResource | undefined {
  return FIRST_PARTY_RESOURCES.find((r) => r.appId.toLowerCase() === appId.toLowerCase());
}
