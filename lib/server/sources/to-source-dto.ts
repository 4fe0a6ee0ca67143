import "server-only";
import type { SourceDto, SourceStatus } from "@/lib/schemas/source";

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
  status: string;
  missing: string;
  validationRunId: string | null;
  validatedAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

function parseMissing(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
  } catch {
    return [];
  }
}

export function toSourceDto(row: SourceRow): SourceDto {
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
    status: row.status as SourceStatus,
    missing: parseMissing(row.missing),
    validationRunId: row.validationRunId,
    validatedAt: row.validatedAt?.toISOString() ?? null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
