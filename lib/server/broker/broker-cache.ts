import "server-only";
// The process-wide token cache of the broker (on globalThis so Next.js hot reload keeps one).
import type { AuthMethod } from "@/lib/schemas/connector";
import { TokenCache } from "./token-cache";

export type BrokerToken = {
  /** The Authorization header value ("Bearer …" or "Basic …"). A secret: never log or return it. */
  authorization: string;
  /** When the credential stops working; null for a PAT without an expiry date. */
  expiresOn: Date | null;
  method: AuthMethod;
};

const holder = globalThis as unknown as { tenantBridgeTokenCache?: TokenCache<BrokerToken> };

export function brokerCache(): TokenCache<BrokerToken> {
  holder.tenantBridgeTokenCache ??= new TokenCache<BrokerToken>();
  return holder.tenantBridgeTokenCache;
}

/** Keys of secrets that belong to one connector (PAT, OAuth); MI + FIC keys are shared by settings. */
export const connectorKeyPrefix = (connectorId: string) => `connector:${connectorId}:`;

/** Forget a connector's cached credentials (after its secret changed or it was deleted). */
export function invalidateConnectorTokens(connectorId: string): void {
  brokerCache().invalidate((key) => key.startsWith(connectorKeyPrefix(connectorId)));
}
