import "server-only";
// Saves the assistant's values when the operator cannot create the FIC themselves, with an audit
// event that names what is missing and who must provide it. A connector already on MI + FIC
// becomes a draft; one on OAuth or PAT keeps working with its current method until someone
// switches it after the chain test passes.
import type { Operator } from "@/lib/server/auth/permissions";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { connectorDtoSelect } from "@/lib/server/connectors/connector-select";
import { toConnectorDto } from "@/lib/server/connectors/to-connector-dto";
import type { Db } from "@/lib/server/db/client";
import { notFound, versionConflict } from "@/lib/server/errors";
import type { ConnectorDto } from "@/lib/schemas/connector";
import type { FicDraftItemDto, SaveFicDraftInput } from "@/lib/schemas/fic";
import { ficDraftPlan } from "./fic-draft-plan";
import { ficTargetOf } from "./fic-target-of";
import { connectorEdited } from "@/lib/server/broker/connector-snapshot";
import { recordChainVerdict, refreshConnectorStatus } from "@/lib/server/status/refresh-connector-status";

export async function saveFicDraft(db: Db, operator: Operator, id: string, input: SaveFicDraftInput): Promise<{ connector: ConnectorDto; draft: FicDraftItemDto[] }> {
  // The identity kind is checked by the schema (only user-assigned) and not stored.
  const { version, ficName, identityKind: _identityKind, ...ids } = input;
  return db
    .$transaction(async (tx) => {
      const current = await tx.connector.findUnique({ where: { id }, select: connectorDtoSelect });
      if (!current) throw notFound("The connector");
      const draft = ficDraftPlan({ ...ids, ficName }, ficTargetOf(toConnectorDto(current)));
      const result = await tx.connector.updateMany({
        where: { id, version },
        data: { ...ids, ...(current.authMethod === "mi_fic" ? { draftMissing: `Still to do: ${draft.map((item) => item.what).join("; ")}.` } : {}), version: { increment: 1 } },
      });
      if (result.count === 0) throw versionConflict("The connector");
      if (current.authMethod === "mi_fic") await recordChainVerdict(tx, id, "draft");
      else await refreshConnectorStatus(tx, id);
      const updated = await tx.connector.findUniqueOrThrow({ where: { id }, select: connectorDtoSelect });
      await recordAuditEvent(tx, operator, {
        action: "connector.fic_draft_saved",
        targetType: "connector",
        targetId: id,
        summary: `Saved a managed identity + FIC draft for '${updated.displayName}': ${draft.length} step${draft.length === 1 ? "" : "s"} left for others`,
        details: { ficName, missing: draft.map((item) => item.what), version: updated.version },
      });
      return { connector: toConnectorDto(updated), draft };
    })
    .finally(connectorEdited);
}
