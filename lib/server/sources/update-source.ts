import "server-only";
// Optimistic concurrency as for connectors: the update matches only the version the operator
// read, so one of two concurrent edits wins and the other gets a 409. A change of what the source
// is for (capabilities, area path) runs its checks again before it is stored, so its readiness
// never describes a configuration it no longer has.
import type { Operator } from "@/lib/server/auth/permissions";
import { refreshSourcesProblem } from "@/lib/server/status/refresh-sources-problem";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import type { Db } from "@/lib/server/db/client";
import { AppError, notFound, versionConflict } from "@/lib/server/errors";
import { adoConnectorOrThrow } from "@/lib/server/permissions/validate-connector-permissions";
import { validatePermissions } from "@/lib/server/permissions/validate-permissions";
import { takeValidationSlot } from "@/lib/server/rate-limit/validation-rate-limit";
import { adoCapabilities, type AdoCapability } from "@/lib/schemas/permission-check";
import type { SourceDto, UpdateSourceInput } from "@/lib/schemas/source";
import { sourceInclude, toOneSourceDto } from "./to-source-dto";

const isCapability = (value: unknown): value is AdoCapability => (adoCapabilities as readonly unknown[]).includes(value);

async function recheck(db: Db, operator: Operator, current: { connectorId: string; project: string; repository: string }, capabilities: AdoCapability[], areaPath: string | null) {
  const connector = await adoConnectorOrThrow(db, current.connectorId);
  await takeValidationSlot(db, connector.organization);
  const validation = await validatePermissions(db, operator, connector, { project: current.project, repositories: [current.repository], capabilities, ...(areaPath ? { areaPath } : {}) }, "manual");
  const ready = validation.capabilities.find((entry) => entry.capability === "read_code")?.status === "pass";
  return {
    status: ready ? "ready" : "draft",
    missing: JSON.stringify(validation.missing),
    validationRunId: validation.runId,
    validatedAt: new Date(validation.startedAt),
    // What the operator sees after the edit: a later scheduled check alerts when this changes.
    alertState: validation.capabilities.every((entry) => entry.status === "pass") ? "ready" : "degraded",
  };
}

export async function updateSource(db: Db, operator: Operator, id: string, input: UpdateSourceInput): Promise<SourceDto> {
  const { version, ...changes } = input;
  const changedFields = Object.keys(changes).filter((key) => changes[key as keyof typeof changes] !== undefined);
  const current = await db.knowledgeSource.findUnique({ where: { id }, select: { connectorId: true, project: true, repository: true, capabilities: true, areaPath: true, version: true } });
  if (!current) throw notFound("The knowledge source");
  // Refuse a stale edit before spending a validation on it; the update below decides for real.
  if (current.version !== version) throw versionConflict("The knowledge source");

  const storedCapabilities = (JSON.parse(current.capabilities) as unknown[]).filter(isCapability);
  const capabilities = changes.capabilities ?? storedCapabilities;
  const areaPath = changes.areaPath === undefined ? current.areaPath : changes.areaPath;
  if (capabilities.some((capability) => capability !== "read_code") && !areaPath) {
    throw new AppError("validation_failed", "Commenting and creating work items need an area path.", { fields: [{ field: "areaPath", message: "is required to comment or create work items" }] });
  }
  const recheckNeeded = changes.capabilities !== undefined || changes.areaPath !== undefined;
  const checked = recheckNeeded ? await recheck(db, operator, current, capabilities, areaPath) : null;

  return db.$transaction(async (tx) => {
    const result = await tx.knowledgeSource.updateMany({
      where: { id, version },
      data: {
        ...(changes.displayName !== undefined ? { displayName: changes.displayName } : {}),
        ...(changes.description !== undefined ? { description: changes.description } : {}),
        ...(changes.branch !== undefined ? { branch: changes.branch } : {}),
        ...(changes.capabilities !== undefined ? { capabilities: JSON.stringify(changes.capabilities) } : {}),
        ...(changes.areaPath !== undefined ? { areaPath: changes.areaPath } : {}),
        ...(checked ?? {}),
        version: { increment: 1 },
      },
    });
    if (result.count === 0) {
      if ((await tx.knowledgeSource.count({ where: { id } })) === 0) throw notFound("The knowledge source");
      throw versionConflict("The knowledge source");
    }
    const updated = await tx.knowledgeSource.findUniqueOrThrow({ where: { id }, include: sourceInclude });
    if (checked) await refreshSourcesProblem(tx, updated.connectorId);
    await recordAuditEvent(tx, operator, {
      action: "source.updated",
      targetType: "knowledge_source",
      targetId: id,
      summary: `Updated knowledge source '${updated.displayName}' (${changedFields.join(", ") || "no fields"})${checked ? `, checked again: ${updated.status}` : ""}`,
      details: {
        fields: changedFields,
        version: updated.version,
        ...(changes.capabilities !== undefined ? { capabilities: changes.capabilities } : {}),
        ...(changes.areaPath !== undefined ? { areaPath: changes.areaPath } : {}),
        ...(changes.branch !== undefined ? { branch: changes.branch } : {}),
        ...(checked ? { runId: checked.validationRunId, status: checked.status } : {}),
      },
    });
    return toOneSourceDto(tx, updated);
  });
}
