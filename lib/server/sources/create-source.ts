import "server-only";
// Adds a repository as a knowledge source. The connector's identity is validated first for every
// capability the source is added for (read code; comment; create work items in its area path). A
// source the identity can read is "ready" to clone, and its readiness says what else it may do;
// one it cannot read is stored only when the caller asks for a draft, and then lists what is
// missing, so the agent never clones a repository it cannot read.
import type { Operator } from "@/lib/server/auth/permissions";
import { refreshSourcesProblem } from "@/lib/server/status/refresh-sources-problem";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import type { Db } from "@/lib/server/db/client";
import { isUniqueViolation } from "@/lib/server/db/unique-violation";
import { AppError, type FieldIssue } from "@/lib/server/errors";
import { adoConnectorOrThrow } from "@/lib/server/permissions/validate-connector-permissions";
import { validatePermissions } from "@/lib/server/permissions/validate-permissions";
import { takeValidationSlot } from "@/lib/server/rate-limit/validation-rate-limit";
import { checkKindOf } from "@/lib/schemas/permission-check";
import type { CreateSourceInput, CreateSourceResultDto } from "@/lib/schemas/source";
import type { CheckResultDto } from "@/lib/schemas/validation";
import { sourceInclude, toOneSourceDto } from "./to-source-dto";
import { didNotPass } from "@/lib/server/pipeline/check-results";

const duplicate = (organization: string, project: string, repository: string) =>
  new AppError("conflict", `${organization}/${project}/${repository} is already a knowledge source.`, {
    fields: [{ field: "repository", message: "is already a knowledge source of this project" }],
  });

/** Which request field each kind of check is about, so a refusal names the field to look at. */
const fieldOf = (check: CheckResultDto): string => {
  const kind = checkKindOf(check.key);
  return kind === "project" ? "project" : kind === "repository-read" ? "repository" : "connectorId";
};

async function connectorFor(db: Db, connectorId: string) {
  try {
    return await adoConnectorOrThrow(db, connectorId);
  } catch (error) {
    if (error instanceof AppError && (error.code === "not_found" || error.code === "validation_failed")) {
      throw new AppError("validation_failed", "The knowledge source needs an Azure DevOps connector.", {
        fields: [{ field: "connectorId", message: error.code === "not_found" ? "is not a connector" : "is not an Azure DevOps connector" }],
      });
    }
    throw error;
  }
}

export async function createSource(db: Db, operator: Operator, input: CreateSourceInput): Promise<CreateSourceResultDto> {
  const connector = await connectorFor(db, input.connectorId);
  const organization = await db.organization.findUniqueOrThrow({ where: { name: connector.organization }, select: { id: true, name: true } });
  // ADO names are case-insensitive; refuse a duplicate before spending a validation on it.
  const existing = await db.knowledgeSource.findMany({ where: { organizationId: organization.id }, select: { project: true, repository: true } });
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  if (existing.some((source) => same(source.project, input.project) && same(source.repository, input.repository))) {
    throw duplicate(organization.name, input.project, input.repository);
  }

  await takeValidationSlot(db, connector.organization);
  const capabilities = input.capabilities ?? ["read_code"];
  const validation = await validatePermissions(
    db,
    operator,
    connector,
    { project: input.project, repositories: [input.repository], capabilities, ...(input.areaPath ? { areaPath: input.areaPath } : {}) },
    "wizard",
  );
  const { resolved, ...validationDto } = validation;
  const ready = validation.capabilities.find((entry) => entry.capability === "read_code")?.status === "pass";
  if (!ready && !input.allowDraft) {
    const fields: FieldIssue[] = (validation.capabilities.find((entry) => entry.capability === "read_code")?.checks ?? [])
      .filter(didNotPass)
      .map((check) => ({ field: fieldOf(check), message: `${check.label}: ${check.status === "fail" ? "failed" : "not decided"}. ${check.fix ?? check.cause ?? ""}`.trim() }));
    throw new AppError("validation_failed", `The connector's identity cannot read ${input.project}/${input.repository} yet, so the source was not saved.`, {
      fields,
      hint: "Grant what is missing and save again, or send allowDraft: true to save it as a draft that lists what is missing.",
    });
  }

  const repository = resolved.repositories.get(input.repository);
  const project = resolved.project?.name ?? input.project;
  const repositoryName = repository?.name ?? input.repository;
  try {
    const source = await db.$transaction(async (tx) => {
      const created = await tx.knowledgeSource.create({
        data: {
          connectorId: connector.id,
          organizationId: organization.id,
          project,
          projectId: resolved.project?.id ?? null,
          repository: repositoryName,
          repositoryId: repository?.id ?? null,
          displayName: input.displayName,
          description: input.description ?? null,
          branch: input.branch ?? repository?.defaultBranch?.replace(/^refs\/heads\//, "") ?? null,
          capabilities: JSON.stringify(capabilities),
          areaPath: input.areaPath ?? null,
          status: ready ? "ready" : "draft",
          missing: JSON.stringify(validation.missing),
          validationRunId: validation.runId,
          validatedAt: new Date(validation.startedAt),
          // What the operator saw when adding it: a later scheduled check alerts when this changes.
          alertState: validation.capabilities.every((entry) => entry.status === "pass") ? "ready" : "degraded",
          createdBy: operator.id,
        },
        include: sourceInclude,
      });
      await refreshSourcesProblem(tx, connector.id);
      await recordAuditEvent(tx, operator, {
        action: "source.created",
        targetType: "knowledge_source",
        targetId: created.id,
        summary: `Added ${organization.name}/${project}/${repositoryName} as knowledge source '${created.displayName}' (${created.status})`,
        details: { connectorId: connector.id, status: created.status, capabilities, areaPath: created.areaPath, runId: validation.runId, missing: validation.missing.length },
      });
      return toOneSourceDto(tx, created);
    });
    return { source, validation: validationDto };
  } catch (error) {
    // Two operators adding the same repository at once: the unique index decides.
    if (isUniqueViolation(error)) throw duplicate(organization.name, project, repositoryName);
    throw error;
  }
}
