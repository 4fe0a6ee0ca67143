import { apiRoute } from "@/lib/server/http/api-route";
import { db } from "@/lib/server/db/client";
import { deleteSource } from "@/lib/server/sources/delete-source";
import { getSourceOrThrow } from "@/lib/server/sources/get-source-or-throw";
import { updateSource } from "@/lib/server/sources/update-source";
import { deleteSourceQuerySchema, updateSourceSchema } from "@/lib/schemas/source";

export const GET = apiRoute({ permission: "sources.read" }, async ({ access, params }) => getSourceOrThrow(access, db(), params.id ?? ""));

export const PATCH = apiRoute({ permission: "sources.write", body: updateSourceSchema }, async ({ operator, params, body }) => updateSource(db(), operator, params.id ?? "", body));

export const DELETE = apiRoute({ permission: "sources.write" }, async ({ operator, params, query }) => {
  const { version } = deleteSourceQuerySchema.parse(Object.fromEntries(query));
  await deleteSource(db(), operator, params.id ?? "", version);
  return new Response(null, { status: 204 });
});
