import "server-only";
// The credential broker: the one way validation routes, health checks and the agent runtime get
// a credential for an ADO organization or a Kusto database. It resolves the connector, asks the
// configured method's source for a token, and caches it until 5 minutes before expiry. The
// connector itself is reused for under a second (connector-snapshot.ts), so a cached call
// touches no database most of the time.
//   MI + FIC, managed identity: keyed by (tenant, app, identity, scope), so connectors that share
//     a triple share one token request; a settings change is a new key. MI + FIC tokens are also
//     shared by all replicas through the database (shared-token-store.ts): memory first, then
//     the shared row, then one exchange for the whole cluster.
//   PAT, OAuth: keyed by connector and version, so a replaced secret is never served again.
// Concurrent callers of one key share one acquisition; failures are not cached.
import { db as defaultDb, type Db } from "@/lib/server/db/client";
import { brokerCache, connectorKeyPrefix, type BrokerToken } from "./broker-cache";
import { chainContext, missingSettings, type BrokerConnector, type BrokerTarget } from "./broker-connector";
import { connectorSnapshot } from "./connector-snapshot";
import { decodeExchangeError, decodeManagedIdentityError } from "./decode-identity-error";
import { exchangeForService, managedIdentityToken } from "./managed-identity-source";
import { oauthToken } from "./oauth-source";
import { patToken } from "./pat-source";
import { serviceScope } from "./service-scope";
import { sharedAccessToken } from "./shared-token-store";
import type { TokenCache } from "./token-cache";
import { TokenUnavailableError } from "./token-unavailable-error";
import { DraftConnectorError } from "./draft-connector-error";
import { recordTokenRequest } from "@/lib/server/observability/metrics";

export type { BrokerTarget } from "./broker-connector";
export type { BrokerToken } from "./broker-cache";

export type GetAccessTokenOptions = {
  db?: Db;
  timeoutMs?: number;
  /** The in-process cache; defaults to the process's own. Tests pass another to act as a second replica. */
  cache?: TokenCache<BrokerToken>;
};

export async function getAccessToken(target: BrokerTarget, options: GetAccessTokenOptions = {}): Promise<BrokerToken> {
  const database = options.db ?? defaultDb();
  const cache = options.cache ?? brokerCache();
  return accessTokenForConnector(await connectorSnapshot(database, target, cache), { ...options, db: database, cache });
}

/** For a caller that has just read the connector itself (the scheduled check): no second read. */
export async function accessTokenForConnector(connector: BrokerConnector, options: GetAccessTokenOptions = {}): Promise<BrokerToken> {
  const database = options.db ?? defaultDb();
  try {
    if (connector.status === "draft") throw new DraftConnectorError(connector);
    const { value, fromCache } = await tokenForConnector(database, connector, options.cache ?? brokerCache(), options.timeoutMs);
    recordTokenRequest(connector.authMethod, fromCache ? "cache_hit" : "acquired");
    return value;
  } catch (error) {
    recordTokenRequest(connector.authMethod, "failed");
    throw error;
  }
}

async function tokenForConnector(db: Db, connector: BrokerConnector, cache: TokenCache<BrokerToken>, timeoutMs?: number): Promise<{ value: BrokerToken; fromCache: boolean }> {
  const method = connector.authMethod;
  switch (method) {
    case "mi_fic": {
      const { targetTenantId, appClientId, miClientId } = connector;
      if (!targetTenantId || !appClientId || !miClientId) {
        throw missingSettings(connector, [!targetTenantId && "targetTenantId", !appClientId && "appClientId", !miClientId && "miClientId"].filter(Boolean) as string[]);
      }
      const scope = serviceScope(connector);
      const key = `mi_fic:${targetTenantId}:${appClientId}:${miClientId}:${scope}`;
      const exchange = async () => {
        try {
          return await exchangeForService({ targetTenantId, appClientId, miClientId, scope, timeoutMs });
        } catch (error) {
          throw new TokenUnavailableError(decodeExchangeError(error, chainContext(connector)));
        }
      };
      return cache.get(key, async () => {
        const token = await sharedAccessToken(db, { targetTenantId, appClientId, miClientId, scope }, exchange, { timeoutMs });
        return { authorization: `Bearer ${token.token}`, expiresOn: token.expiresOn, method };
      });
    }
    case "managed_identity": {
      const { miClientId } = connector;
      if (!miClientId) throw missingSettings(connector, ["miClientId"]);
      const scope = serviceScope(connector);
      return cache.get(`mi:${miClientId}:${scope}`, async () => {
        try {
          const token = await managedIdentityToken(miClientId, scope, timeoutMs);
          return { authorization: `Bearer ${token.token}`, expiresOn: token.expiresOn, method };
        } catch (error) {
          throw new TokenUnavailableError(decodeManagedIdentityError(error, chainContext(connector)));
        }
      });
    }
    case "pat":
    case "oauth": {
      const key = `${connectorKeyPrefix(connector.id)}v${connector.version}:${method}`;
      // An older version's entry belongs to a secret that was replaced since.
      cache.invalidate((candidate) => candidate.startsWith(connectorKeyPrefix(connector.id)) && candidate !== key);
      return cache.get(key, async () => {
        const token = method === "pat" ? await patToken(db, connector.id) : await oauthToken(db, connector.id);
        return { authorization: token.authorization, expiresOn: token.expiresOn, method };
      });
    }
  }
}
