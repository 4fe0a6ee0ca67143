import "server-only";
import type { Operator } from "@/lib/server/auth/permissions";
import { refreshSourcesProblem } from "@/lib/server/status/refresh-sources-problem";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import type { Db } from "@/lib/server/db/client";
import { notFound, versionConflict } from "@/lib/server/errors";

/** Deletes a knowledge source; with a version, only that version. */
export async function deleteSource(db: Db, operator: Operator, id: string, version?: number): Promise<void> {
  await db.$transaction(async (tx) => {
    const current = await tx.knowledgeSource.findUnique({ where: { id }, select: { displayName: true, project: true, repository: true, connectorId: true } });
    if (!current) throw notFound("The knowledge source");
    const result = await tx.knowledgeSource.deleteMany({ where: { id, ...(version === undefined ? {} : { version }) } });
    if (result.count === 0) throw versionConflict("The knowledge source");
    await refreshSourcesProblem(tx, current.connectorId);
    await recordAuditEvent(tx, operator, {
      action: "source.deleted",
      targetType: "knowledge_source",
      targetId: id,
      summary: `Deleted knowledge source '${current.displayName}' (${current.project}/${current.repository})`,
    });
  });
}
