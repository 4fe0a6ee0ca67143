import "server-only";
import type { Operator } from "@/lib/server/auth/permissions";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import type { Db } from "@/lib/server/db/client";
import { AppError, notFound, versionConflict } from "@/lib/server/errors";
import type { UpdateConnectorInput } from "@/lib/schemas/connector";
import { connectorDtoSelect } from "./connector-select";
import { toConnectorDto } from "./to-connector-dto";
import { connectorEdited } from "@/lib/server/broker/connector-snapshot";
import { refreshConnectorStatus } from "@/lib/server/status/refresh-connector-status";

/**
 * Optimistic concurrency: the update only matches the row at the version the operator read,
 * so of two concurrent edits exactly one wins and the other gets a 409, never a lost update.
 */
export async function updateConnector(db: Db, operator: Operator, id: string, input: UpdateConnectorInput) {
  // The identity kind is checked by the schema (only user-assigned) and not stored.
  const { version, identityKind: _identityKind, ...changes } = input;
  const changedFields = Object.keys(changes).filter((key) => changes[key as keyof typeof changes] !== undefined);
  return db
    .$transaction(async (tx) => {
      const current = await tx.connector.findUnique({ where: { id }, select: { kind: true, version: true } });
      if (!current) throw notFound("The connector");
      if (current.kind !== "ado" && changes.authMethod && !["mi_fic", "managed_identity"].includes(changes.authMethod)) {
        throw new AppError("validation_failed", `${current.kind === "kusto" ? "Kusto" : "Azure resource"} connectors use a managed identity.`, {
          fields: [{ field: "authMethod", message: `must be mi_fic or managed_identity for ${current.kind === "kusto" ? "a Kusto" : "an Azure resource"} connector` }],
        });
      }
      const result = await tx.connector.updateMany({
        where: { id, version },
        data: { ...changes, version: { increment: 1 } },
      });
      if (result.count === 0) throw versionConflict("The connector");
      // Another method or other settings: the last verdict no longer counts.
      await refreshConnectorStatus(tx, id);
      const updated = await tx.connector.findUniqueOrThrow({ where: { id }, select: connectorDtoSelect });
      await recordAuditEvent(tx, operator, {
        action: "connector.updated",
        targetType: "connector",
        targetId: id,
        summary: `Updated connector '${updated.displayName}' (${changedFields.join(", ") || "no fields"})`,
        details: { fields: changedFields, version: updated.version },
      });
      return toConnectorDto(updated);
    })
    .finally(connectorEdited);
}
