import "server-only";
// GET /api/connectors/[id]/projects: the projects the connector's identity can see. ADO lists
// only projects the caller is a member of, so an empty list comes with that explanation.
import { listProjects } from "@/lib/server/ado/list-projects";
import type { Operator } from "@/lib/server/auth/permissions";
import type { Db } from "@/lib/server/db/client";
import type { AdoProjectDto, CatalogListDto } from "@/lib/schemas/source";
import { withConnectorCatalog } from "./connector-catalog";

export const noProjectsHint = (identity: string) =>
  `The organization accepted ${identity}, but it is a member of no project, and Azure DevOps lists only the projects a caller belongs to. Add ${identity} to the Readers group of each project the agent needs (Project settings → Permissions → Readers → Members → Add), then reload.`;

export function listConnectorProjects(db: Db, operator: Pick<Operator, "id">, connectorId: string): Promise<CatalogListDto<AdoProjectDto>> {
  return withConnectorCatalog(
    db,
    operator,
    connectorId,
    (call) => listProjects(call),
    ({ projects, more }, identity) => ({
      items: projects.map((project) => ({ id: project.id, name: project.name })).sort((a, b) => a.name.localeCompare(b.name)),
      more,
      hint: projects.length === 0 ? noProjectsHint(identity) : null,
      problem: null,
    }),
  );
}
