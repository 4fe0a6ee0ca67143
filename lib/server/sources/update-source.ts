import "server-only";
// Optimistic concurrency as for connectors: the update matches only the version the operator
// read, so one of two concurrent edits wins and the other gets a 409.
import type { Operator } from "@/lib/server/auth/permissions";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import type { Db } from "@/lib/server/db/client";
import { notFound, versionConflict } from "@/lib/server/errors";
import type { SourceDto, UpdateSourceInput } from "@/lib/schemas/source";
import { sourceInclude, toSourceDto } from "./to-source-dto";

export async function updateSource(db: Db, operator: Operator, id: string, input: UpdateSourceInput): Promise<SourceDto> {
  const { version, ...changes } = input;
  const changedFields = Object.keys(changes).filter((key) => changes[key as keyof typeof changes] !== undefined);
  return db.$transaction(async (tx) => {
    if ((await tx.knowledgeSource.count({ where: { id } })) === 0) throw notFound("The knowledge source");
    const result = await tx.knowledgeSource.updateMany({ where: { id, version }, data: { ...changes, version: { increment: 1 } } });
    if (result.count === 0) throw versionConflict("The knowledge source");
    const updated = await tx.knowledgeSource.findUniqueOrThrow({ where: { id }, include: sourceInclude });
    await recordAuditEvent(tx, operator, {
      action: "source.updated",
      targetType: "knowledge_source",
      targetId: id,
      summary: `Updated knowledge source '${updated.displayName}' (${changedFields.join(", ") || "no fields"})`,
      details: { fields: changedFields, version: updated.version },
    });
    return toSourceDto(updated);
  });
}
