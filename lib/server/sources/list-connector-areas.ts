import "server-only";
// GET /api/connectors/[id]/projects/[project]/areas: the project's area paths, root first, for
// the work item permission check.
import type { Operator } from "@/lib/server/auth/permissions";
import type { Db } from "@/lib/server/db/client";
import { getAreaTree } from "@/lib/server/permissions/ado-lookups";
import { projectNotVisible } from "@/lib/server/permissions/permission-explanations";
import { listAreaPaths } from "@/lib/server/permissions/resolve-area-token";
import type { AdoAreaDto, CatalogListDto } from "@/lib/schemas/source";
import { withConnectorCatalog } from "./connector-catalog";

export function listConnectorAreas(db: Db, operator: Pick<Operator, "id">, connectorId: string, project: string): Promise<CatalogListDto<AdoAreaDto>> {
  return withConnectorCatalog(
    db,
    operator,
    connectorId,
    (call) => getAreaTree({ ...call, project }),
    (root) => ({ items: listAreaPaths(root), more: false, hint: null, problem: null }),
    (error, identity, organization) => projectNotVisible(error, identity, organization, project),
  );
}
