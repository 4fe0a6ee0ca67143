import "server-only";
import type { Db } from "@/lib/server/db/client";
import { adoCapabilities, type AdoCapability } from "@/lib/schemas/permission-check";
import type { SourceDto, SourceStatus } from "@/lib/schemas/source";
import { sourceReadiness, type ReadinessCheck } from "@/lib/schemas/source-readiness";
import { checksOf } from "@/lib/server/pipeline/stored-checks";

export const sourceInclude = { organization: { select: { name: true } } } as const;

type SourceRow = {
  id: string;
  connectorId: string;
  organization: { name: string };
  project: string;
  projectId: string | null;
  repository: string;
  repositoryId: string | null;
  displayName: string;
  description: string | null;
  branch: string | null;
  capabilities: string;
  areaPath: string | null;
  status: string;
  missing: string;
  validationRunId: string | null;
  validatedAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

function parseStrings(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
  } catch {
    return [];
  }
}

const isCapability = (value: string): value is AdoCapability => (adoCapabilities as readonly string[]).includes(value);

type CheckSource = Pick<Db, "validationRun">;

/** The checks of each source's latest run, in one query for all of them. */
async function latestChecks(db: CheckSource, runIds: string[]): Promise<Map<string, ReadinessCheck[]>> {
  if (runIds.length === 0) return new Map();
  const runs = await db.validationRun.findMany({ where: { id: { in: runIds } }, select: { id: true, checks: true } });
  return new Map(runs.map((run) => [run.id, checksOf(run.checks).map(({ key, label, status, cause, fix, link }) => ({ key, label, status, cause, fix, link }))]));
}

export async function toSourceDtos(db: CheckSource, rows: SourceRow[]): Promise<SourceDto[]> {
  const checks = await latestChecks(db, [...new Set(rows.flatMap((row) => (row.validationRunId ? [row.validationRunId] : [])))]);
  return rows.map((row) => toSourceDto(row, (row.validationRunId && checks.get(row.validationRunId)) || []));
}

export async function toOneSourceDto(db: CheckSource, row: SourceRow): Promise<SourceDto> {
  const [dto] = await toSourceDtos(db, [row]);
  return dto!;
}

function toSourceDto(row: SourceRow, checks: ReadinessCheck[]): SourceDto {
  const capabilities = parseStrings(row.capabilities).filter(isCapability);
  return {
    id: row.id,
    connectorId: row.connectorId,
    organization: row.organization.name,
    project: row.project,
    projectId: row.projectId,
    repository: row.repository,
    repositoryId: row.repositoryId,
    displayName: row.displayName,
    description: row.description,
    branch: row.branch,
    capabilities,
    areaPath: row.areaPath,
    status: row.status as SourceStatus,
    missing: parseStrings(row.missing),
    readiness: sourceReadiness({ repository: row.repository, capabilities }, checks),
    validationRunId: row.validationRunId,
    validatedAt: row.validatedAt?.toISOString() ?? null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
