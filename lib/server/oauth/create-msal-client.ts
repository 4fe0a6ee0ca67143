import "server-only";
// One msal-node confidential client per operation. A client holds an in-memory token cache, so
// sharing one between connectors would mix their accounts; the cache plugin (when given) makes
// the encrypted database row the cache's only durable home.
import { ConfidentialClientApplication, LogLevel, type ICachePlugin, type NodeAuthOptions } from "@azure/msal-node";
import { federatedAssertion } from "@/lib/server/broker/managed-identity-source";
import { log } from "@/lib/server/log";
import { connectorOauthConfig, type PortalCredential } from "./connector-oauth-config";
import { msalNetworkClient } from "./msal-network-client";

/**
 * The secretless option is the pattern the portal teaches for connectors: the app carries a
 * federated credential trusting a managed identity, and msal-node asks for the identity's token
 * for api://AzureADTokenExchange each time it needs a client assertion (the broker's source;
 * @azure/identity caches that token until shortly before it expires).
 * https://learn.microsoft.com/entra/workload-id/workload-identity-federation-config-app-trust-managed-identity
 */
function clientCredential(credential: PortalCredential): Pick<NodeAuthOptions, "clientSecret" | "clientAssertion"> {
  if (credential.kind === "secret") return { clientSecret: credential.secret };
  return { clientAssertion: async () => (await federatedAssertion(credential.miClientId)).token };
}

export function createMsalClient(cachePlugin?: ICachePlugin): ConfidentialClientApplication {
  const config = connectorOauthConfig();
  return new ConfidentialClientApplication({
    auth: {
      clientId: config.clientId,
      ...clientCredential(config.credential),
      authority: config.authority,
      // Skips instance discovery against login.microsoftonline.com and trusts this host's issuer.
      knownAuthorities: [config.knownAuthority],
    },
    cache: cachePlugin ? { cachePlugin } : undefined,
    system: {
      networkClient: msalNetworkClient,
      loggerOptions: {
        piiLoggingEnabled: false,
        logLevel: LogLevel.Warning,
        loggerCallback: (level, message) => {
          if (level <= LogLevel.Warning) log.warn("msal-node", { message });
        },
      },
    },
  });
}
