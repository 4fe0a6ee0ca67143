import "server-only";
// One msal-node confidential client per operation. A client holds an in-memory token cache, so
// sharing one between connectors would mix their accounts; the cache plugin (when given) makes
// the encrypted database row the cache's only durable home.
import { ConfidentialClientApplication, LogLevel, type ICachePlugin } from "@azure/msal-node";
import { log } from "@/lib/server/log";
import { connectorOauthConfig } from "./connector-oauth-config";
import { msalNetworkClient } from "./msal-network-client";

export function createMsalClient(cachePlugin?: ICachePlugin): ConfidentialClientApplication {
  const config = connectorOauthConfig();
  return new ConfidentialClientApplication({
    auth: {
      clientId: config.clientId,
      clientSecret: config.clientSecret,
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
