import { apiRoute } from "@/lib/server/http/api-route";
import { db } from "@/lib/server/db/client";
import { listConnectorAreas } from "@/lib/server/sources/list-connector-areas";
import { projectParamsSchema } from "@/lib/schemas/source";

// The area paths of one project, for the work item permission check.
export const GET = apiRoute({ permission: "sources.read" }, async ({ operator, params }) => {
  const { id, project } = projectParamsSchema.parse(params);
  return listConnectorAreas(db(), operator, id, project);
});
