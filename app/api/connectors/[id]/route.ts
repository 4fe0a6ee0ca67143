import { apiRoute } from "@/lib/server/http/api-route";
import { db } from "@/lib/server/db/client";
import { getConnectorOrThrow } from "@/lib/server/connectors/get-connector-or-throw";
import { updateConnector } from "@/lib/server/connectors/update-connector";
import { deleteConnector } from "@/lib/server/connectors/delete-connector";
import { deleteConnectorQuerySchema, updateConnectorSchema } from "@/lib/schemas/connector";

export const GET = apiRoute({ permission: "connectors.read" }, async ({ access, params }) => getConnectorOrThrow(access, db(), params.id ?? ""));

export const PATCH = apiRoute({ permission: "connectors.write", body: updateConnectorSchema }, async ({ operator, params, body }) =>
  updateConnector(db(), operator, params.id ?? "", body),
);

export const DELETE = apiRoute({ permission: "connectors.write" }, async ({ operator, params, query }) => {
  const { version } = deleteConnectorQuerySchema.parse(Object.fromEntries(query));
  await deleteConnector(db(), operator, params.id ?? "", version);
  return new Response(null, { status: 204 });
});
