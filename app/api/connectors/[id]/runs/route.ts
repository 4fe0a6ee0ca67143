import { apiRoute } from "@/lib/server/http/api-route";
import { db } from "@/lib/server/db/client";
import { listValidationRuns } from "@/lib/server/pipeline/list-validation-runs";
import { listValidationRunsQuerySchema } from "@/lib/schemas/validation";

export const GET = apiRoute({ permission: "health.read" }, async ({ access, params, query }) => {
  const { take } = listValidationRunsQuerySchema.parse(Object.fromEntries(query));
  return listValidationRuns(access, db(), params.id ?? "", take);
});
