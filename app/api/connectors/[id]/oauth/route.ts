import { apiRoute } from "@/lib/server/http/api-route";
import { db } from "@/lib/server/db/client";
import { disconnectOauth } from "@/lib/server/oauth/disconnect-oauth";
import { removePatQuerySchema as versionQuerySchema } from "@/lib/schemas/connector-pat";

export const DELETE = apiRoute({ permission: "connectors.write" }, async ({ operator, params, query }) => {
  const { version } = versionQuerySchema.parse(Object.fromEntries(query));
  return disconnectOauth(db(), operator, params.id ?? "", version);
});
