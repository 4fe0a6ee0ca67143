import { apiRoute } from "@/lib/server/http/api-route";
import { db } from "@/lib/server/db/client";
import { removePat } from "@/lib/server/pat/remove-pat";
import { savePat } from "@/lib/server/pat/save-pat";
import { removePatQuerySchema, savePatSchema } from "@/lib/schemas/connector-pat";

export const PUT = apiRoute({ permission: "connectors.write", body: savePatSchema }, async ({ operator, params, body }) => savePat(db(), operator, params.id ?? "", body));

export const DELETE = apiRoute({ permission: "connectors.write" }, async ({ operator, params, query }) => {
  const { version } = removePatQuerySchema.parse(Object.fromEntries(query));
  return removePat(db(), operator, params.id ?? "", version);
});
