import { apiRoute } from "@/lib/server/http/api-route";
import { db } from "@/lib/server/db/client";
import { checkOrganizationName } from "@/lib/server/sources/check-organization-name";
import { checkOrganizationNameQuerySchema } from "@/lib/schemas/source";

// ADO's naming rules (422 naming the field when broken), and whether a connector exists for the name.
export const GET = apiRoute({ permission: "sources.read" }, async ({ access, query }) => {
  const { name } = checkOrganizationNameQuerySchema.parse(Object.fromEntries(query));
  return checkOrganizationName(access, db(), name);
});
