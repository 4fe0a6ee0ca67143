import "server-only";
// GET /api/connectors/[id]/projects/[project]/repositories: the repositories the identity may read.
import type { Operator } from "@/lib/server/auth/permissions";
import type { Db } from "@/lib/server/db/client";
import { listProjectRepositories } from "@/lib/server/permissions/ado-lookups";
import { projectNotVisible } from "@/lib/server/permissions/permission-explanations";
import type { AdoRepositoryDto, CatalogListDto } from "@/lib/schemas/source";
import { withConnectorCatalog } from "./connector-catalog";

export function listConnectorRepositories(db: Db, operator: Pick<Operator, "id">, connectorId: string, project: string): Promise<CatalogListDto<AdoRepositoryDto>> {
  return withConnectorCatalog(
    db,
    operator,
    connectorId,
    (call) => listProjectRepositories({ ...call, project }),
    (repositories, identity) => ({
      items: repositories
        .filter((repository) => !repository.isDisabled)
        .map((repository) => ({
          id: repository.id,
          name: repository.name,
          defaultBranch: repository.defaultBranch?.replace(/^refs\/heads\//, "") ?? null,
          webUrl: repository.webUrl ?? null,
        }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      more: false,
      hint:
        repositories.length === 0
          ? `${identity} can see ${project} but may read none of its repositories: it needs Read on them (the project's Readers group has it), and Stakeholder access cannot read code in a private project (Organization settings → Users → access level Basic).`
          : null,
      problem: null,
    }),
    (error, identity, organization) => projectNotVisible(error, identity, organization, project),
  );
}
