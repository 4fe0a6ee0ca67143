import "server-only";
// Agent identities: the workload identities (a managed identity's tenant and principal id) an
// administrator lets call the token API, each with the organizations and Kusto databases it may
// use. Edits are version-checked and audited.
import { assertAccess, type Access } from "@/lib/server/auth/access";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import type { Db } from "@/lib/server/db/client";
import { isUniqueViolation } from "@/lib/server/db/unique-violation";
import { AppError, notFound, versionConflict } from "@/lib/server/errors";
import type { AgentAssignmentDto, AgentIdentityDto, AgentTarget, CreateAgentIdentityInput, UpdateAgentIdentityInput } from "@/lib/schemas/agent-access";
import { normalizeTarget, type NormalizedTarget } from "./agent-targets";

type Row = {
  id: string;
  tenantId: string;
  principalId: string;
  displayName: string;
  createdAt: Date;
  createdBy: string;
  version: number;
  assignments: { kind: string; organization: string | null; clusterUrl: string | null; database: string | null; targetKey: string }[];
};

function toAssignment(row: Row["assignments"][number]): AgentAssignmentDto {
  return row.kind === "ado" ? { kind: "ado", organization: row.organization ?? "" } : { kind: "kusto", clusterUrl: row.clusterUrl ?? "", database: row.database ?? "" };
}

function toDto(row: Row): AgentIdentityDto {
  return {
    id: row.id,
    tenantId: row.tenantId,
    principalId: row.principalId,
    displayName: row.displayName,
    assignments: [...row.assignments].sort((a, b) => a.targetKey.localeCompare(b.targetKey)).map(toAssignment),
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    version: row.version,
  };
}

/** Normalized and de-duplicated; a bad entry is a 422 naming its index. */
function normalizeAssignments(assignments: AgentTarget[]): NormalizedTarget[] {
  const byKey = new Map<string, NormalizedTarget>();
  assignments.forEach((assignment, index) => {
    try {
      const normalized = normalizeTarget(assignment);
      byKey.set(normalized.key, normalized);
    } catch (error) {
      if (error instanceof AppError && error.code === "validation_failed") {
        throw new AppError("validation_failed", error.message, {
          fields: error.fields.map((field) => ({ field: `assignments.${index}.${field.field}`, message: field.message })),
        });
      }
      throw error;
    }
  });
  return [...byKey.values()];
}

const assignmentRows = (targets: NormalizedTarget[]) =>
  targets.map((target) =>
    target.kind === "ado"
      ? { kind: "ado", organization: target.organization, targetKey: target.key }
      : { kind: "kusto", clusterUrl: target.clusterUrl, database: target.database, targetKey: target.key },
  );

const label = (targets: NormalizedTarget[]) => targets.map((target) => (target.kind === "ado" ? target.organization : `${target.clusterUrl}/${target.database}`));

export async function listAgentIdentities(db: Db, access: Access<"access.manage">): Promise<AgentIdentityDto[]> {
  assertAccess(access, "access.manage");
  const rows = await db.agentIdentity.findMany({ include: { assignments: true }, orderBy: { createdAt: "asc" } });
  return rows.map(toDto);
}

export async function createAgentIdentity(db: Db, access: Access<"access.manage">, input: CreateAgentIdentityInput): Promise<AgentIdentityDto> {
  assertAccess(access, "access.manage");
  const targets = normalizeAssignments(input.assignments);
  const displayName = input.displayName ?? `Managed identity ${input.principalId.slice(0, 8)}`;
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.agentIdentity.create({
        data: { tenantId: input.tenantId, principalId: input.principalId, displayName, createdBy: access.operator.id, assignments: { create: assignmentRows(targets) } },
        include: { assignments: true },
      });
      await recordAuditEvent(tx, access.operator, {
        action: "agent_identity.created",
        targetType: "agent_identity",
        targetId: row.id,
        summary: `Registered agent identity '${displayName}' (${input.principalId} in tenant ${input.tenantId})`,
        details: { tenantId: input.tenantId, principalId: input.principalId, assignments: label(targets) },
      });
      return toDto(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", `The identity ${input.principalId} of tenant ${input.tenantId} is already registered.`, {
        fields: [{ field: "principalId", message: "is already registered for this tenant" }],
      });
    }
    throw error;
  }
}

export async function updateAgentIdentity(db: Db, access: Access<"access.manage">, id: string, input: UpdateAgentIdentityInput): Promise<AgentIdentityDto> {
  assertAccess(access, "access.manage");
  const targets = input.assignments ? normalizeAssignments(input.assignments) : undefined;
  return db.$transaction(async (tx) => {
    const current = await tx.agentIdentity.findUnique({ where: { id }, include: { assignments: true } });
    if (!current) throw notFound("The agent identity");
    const { count } = await tx.agentIdentity.updateMany({
      where: { id, version: input.version },
      data: { version: { increment: 1 }, ...(input.displayName ? { displayName: input.displayName } : {}) },
    });
    if (count === 0) throw versionConflict("The agent identity");
    if (targets) {
      await tx.agentAssignment.deleteMany({ where: { agentIdentityId: id } });
      await tx.agentAssignment.createMany({ data: assignmentRows(targets).map((row) => ({ ...row, agentIdentityId: id })) });
    }
    const updated = await tx.agentIdentity.findUniqueOrThrow({ where: { id }, include: { assignments: true } });
    await recordAuditEvent(tx, access.operator, {
      action: "agent_identity.updated",
      targetType: "agent_identity",
      targetId: id,
      summary: `Updated agent identity '${updated.displayName}'`,
      details: {
        ...(input.displayName ? { displayName: { from: current.displayName, to: updated.displayName } } : {}),
        ...(targets ? { assignments: { from: current.assignments.map((a) => a.targetKey).sort(), to: targets.map((t) => t.key).sort() } } : {}),
      },
    });
    return toDto(updated);
  });
}

export async function deleteAgentIdentity(db: Db, access: Access<"access.manage">, id: string, version: number): Promise<void> {
  assertAccess(access, "access.manage");
  await db.$transaction(async (tx) => {
    const current = await tx.agentIdentity.findUnique({ where: { id } });
    if (!current) throw notFound("The agent identity");
    const { count } = await tx.agentIdentity.deleteMany({ where: { id, version } });
    if (count === 0) throw versionConflict("The agent identity");
    await recordAuditEvent(tx, access.operator, {
      action: "agent_identity.deleted",
      targetType: "agent_identity",
      targetId: id,
      summary: `Removed agent identity '${current.displayName}' (${current.principalId} in tenant ${current.tenantId})`,
      details: { tenantId: current.tenantId, principalId: current.principalId },
    });
  });
}
