import { apiRoute } from "@/lib/server/http/api-route";
import { db } from "@/lib/server/db/client";
import { listConnectorRepositories } from "@/lib/server/sources/list-connector-repositories";
import { projectParamsSchema } from "@/lib/schemas/source";

// The repositories of one project that the connector's identity may read.
export const GET = apiRoute({ permission: "sources.read" }, async ({ operator, params }) => {
  const { id, project } = projectParamsSchema.parse(params);
  return listConnectorRepositories(db(), operator, id, project);
});
