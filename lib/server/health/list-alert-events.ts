import "server-only";
// Recent alert events for the health page's list and GET /api/alerts, newest first.
import { assertAccess, type Access } from "@/lib/server/auth/access";
import type { Db } from "@/lib/server/db/client";
import type { AuthMethod } from "@/lib/schemas/connector";
import type { AlertEventDto } from "@/lib/schemas/health";

export async function listAlertEvents(access: Access<"health.read">, db: Db, take: number): Promise<AlertEventDto[]> {
  assertAccess(access, "health.read");
  const rows = await db.alertEvent.findMany({ orderBy: [{ at: "desc" }, { id: "desc" }], take });
  return rows.map((row) => ({
    id: row.id,
    at: row.at.toISOString(),
    type: row.type as AlertEventDto["type"],
    connectorId: row.connectorId,
    connectorName: row.connectorName,
    target: row.target,
    authMethod: row.authMethod as AuthMethod,
    from: row.fromStatus,
    to: row.toStatus,
    source: row.sourceId ? { id: row.sourceId, name: row.sourceName ?? row.sourceId } : null,
    check: row.checkKey ? { key: row.checkKey, label: row.checkLabel, code: row.code, title: row.title, cause: row.cause, fix: row.fix } : null,
    delivery: {
      status: row.deliveryStatus as AlertEventDto["delivery"]["status"],
      attempts: row.attempts,
      lastError: row.lastError,
      deliveredAt: row.deliveredAt?.toISOString() ?? null,
    },
  }));
}
