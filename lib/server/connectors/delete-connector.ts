import "server-only";
import type { Operator } from "@/lib/server/auth/permissions";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import type { Db } from "@/lib/server/db/client";
import { notFound, versionConflict } from "@/lib/server/errors";
import { connectorEdited } from "@/lib/server/broker/connector-snapshot";

/** Deletes a connector with its knowledge sources and runs. With a version, only that version. */
export async function deleteConnector(db: Db, operator: Operator, id: string, version?: number) {
  await db
    .$transaction(async (tx) => {
      const current = await tx.connector.findUnique({ where: { id }, select: { displayName: true, version: true, organizationId: true } });
      if (!current) throw notFound("The connector");
      const result = await tx.connector.deleteMany({ where: { id, ...(version === undefined ? {} : { version }) } });
      if (result.count === 0) throw versionConflict("The connector");
      await recordAuditEvent(tx, operator, {
        action: "connector.deleted",
        targetType: "connector",
        targetId: id,
        summary: `Deleted connector '${current.displayName}'`,
      });
    })
    .finally(connectorEdited);
}
