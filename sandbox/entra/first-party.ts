// Microsoft's first-party resources the sandbox knows. Like in Entra, their service principals
// exist in every tenant without anyone consenting; a world may still list one explicitly to hold
// app role grants (e.g. Graph application permissions of a connector app).
import { RESOURCE } from "../world/default/ids";

export type FirstPartyResource = {
  appId: string;
  displayName: string;
  /** Identifier URIs accepted in scopes; the token's `aud` is the form the client asked for. */
  identifierUris: string[];
};

/** Entra's token-exchange audience has no public app id in the sandbox; this one is a stand-in. */
export const TOKEN_EXCHANGE_APP_ID = "ffffffff-0000-4000-8000-00000000e0e0";

export const FIRST_PARTY_RESOURCES: FirstPartyResource[] = [
  { appId: RESOURCE.azureDevOps.appId, displayName: "Azure DevOps", identifierUris: ["https://app.vssps.visualstudio.com"] },
  { appId: RESOURCE.kusto.appId, displayName: "Azure Data Explorer", identifierUris: [RESOURCE.kusto.uri, "https://help.kusto.windows.net"] },
  {
    appId: RESOURCE.arm.appId,
    displayName: "Windows Azure Service Management API",
    identifierUris: [RESOURCE.arm.uri, "https://management.azure.com", "https://management.core.windows.net/"],
  },
  { appId: RESOURCE.graph.appId, displayName: "Microsoft Graph", identifierUris: [RESOURCE.graph.uri, "https://graph.microsoft.com/"] },
  { appId: RESOURCE.storage.appId, displayName: "Azure Storage", identifierUris: [RESOURCE.storage.uri, "https://storage.azure.com/"] },
  { appId: RESOURCE.keyVault.appId, displayName: "Azure Key Vault", identifierUris: [RESOURCE.keyVault.uri, "https://vault.azure.net/"] },
  { appId: TOKEN_EXCHANGE_APP_ID, displayName: "AAD Token Exchange Endpoint", identifierUris: [RESOURCE.tokenExchange.uri] },
];

export function firstPartyByAppId(appId: string): FirstPartyResource | undefined {
  return FIRST_PARTY_RESOURCES.find((r) => r.appId.toLowerCase() === appId.toLowerCase());
}
