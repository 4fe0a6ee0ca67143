import { apiRoute } from "@/lib/server/http/api-route";
import { db } from "@/lib/server/db/client";
import { getConnectorOrThrow } from "@/lib/server/connectors/get-connector-or-throw";
import { updateConnector } from "@/lib/server/connectors/update-connector";
import { changesSetup, proveConnector } from "@/lib/server/connectors/prove-connector";
import { deleteConnector } from "@/lib/server/connectors/delete-connector";
import { deleteConnectorQuerySchema, updateConnectorSchema } from "@/lib/schemas/connector";

export const GET = apiRoute({ permission: "connectors.read" }, async ({ access, params }) => getConnectorOrThrow(access, db(), params.id ?? ""));

// A change to a managed identity setup is proved by its chain test; a failing one becomes a draft.
export const PATCH = apiRoute({ permission: "connectors.write", body: updateConnectorSchema }, async ({ operator, params, body }) => {
  const updated = await updateConnector(db(), operator, params.id ?? "", body);
  return changesSetup(body) ? proveConnector(db(), operator, updated) : updated;
});

export const DELETE = apiRoute({ permission: "connectors.write" }, async ({ operator, params, query }) => {
  const { version } = deleteConnectorQuerySchema.parse(Object.fromEntries(query));
  await deleteConnector(db(), operator, params.id ?? "", version);
  return new Response(null, { status: 204 });
});
