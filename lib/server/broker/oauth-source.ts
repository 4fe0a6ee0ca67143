import "server-only";
// OAuth connectors: the signed-in account's ADO token, refreshed on the server by msal-node from
// the connector's encrypted token cache (lib/server/oauth). A lapsed sign-in throws an AppError
// with code "unauthenticated" and a hint to sign in again.
import type { Db } from "@/lib/server/db/client";
import { getOauthAccessToken } from "@/lib/server/oauth/get-oauth-access-token";

export async function oauthToken(db: Db, connectorId: string): Promise<{ authorization: string; expiresOn: Date; account: string }> {
  const token = await getOauthAccessToken(db, connectorId);
  return { authorization: `Bearer ${token.accessToken}`, expiresOn: token.expiresOn, account: token.account };
}
