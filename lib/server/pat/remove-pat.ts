import "server-only";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import type { Operator } from "@/lib/server/auth/permissions";
import { clearPat } from "@/lib/server/connectors/connector-secrets";
import type { Db } from "@/lib/server/db/client";
import { notFound } from "@/lib/server/errors";

export async function removePat(db: Db, operator: Operator, connectorId: string, version: number): Promise<{ configured: false }> {
  const connector = await db.connector.findUnique({ where: { id: connectorId }, select: { displayName: true } });
  if (!connector) throw notFound("The connector");
  await clearPat(db, connectorId, { expectedVersion: version });
  await recordAuditEvent(db, operator, {
    action: "connector.pat_removed",
    targetType: "connector",
    targetId: connectorId,
    summary: `Removed the PAT of connector '${connector.displayName}'`,
  });
  return { configured: false };
}
