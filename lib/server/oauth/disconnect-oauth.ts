import "server-only";
// "Disconnect": forget the stored sign-in (MSAL's cache, hence the refresh token) of a connector.
import type { Operator } from "@/lib/server/auth/permissions";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { clearOauthCache } from "@/lib/server/connectors/connector-secrets";
import type { Db } from "@/lib/server/db/client";
import { notFound } from "@/lib/server/errors";

export async function disconnectOauth(db: Db, operator: Operator, connectorId: string, version: number): Promise<{ configured: false; version: number }> {
  const before = await db.connector.findUnique({ where: { id: connectorId }, select: { displayName: true, oauthAccount: true } });
  if (!before) throw notFound("The connector");
  const status = await clearOauthCache(db, connectorId, { expectedVersion: version });
  await recordAuditEvent(db, operator, {
    action: "connector.oauth_disconnected",
    targetType: "connector",
    targetId: connectorId,
    summary: `Disconnected the Azure DevOps sign-in${before.oauthAccount ? ` of ${before.oauthAccount}` : ""} from connector '${before.displayName}'`,
    details: { account: before.oauthAccount, version: status.version },
  });
  return { configured: false, version: status.version };
}
