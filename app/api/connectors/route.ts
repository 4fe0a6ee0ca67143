import { apiRoute } from "@/lib/server/http/api-route";
import { db } from "@/lib/server/db/client";
import { settings } from "@/lib/server/settings";
import { listConnectors } from "@/lib/server/connectors/list-connectors";
import { createConnector } from "@/lib/server/connectors/create-connector";
import { proveConnector } from "@/lib/server/connectors/prove-connector";
import { createConnectorSchema, listConnectorsQuerySchema } from "@/lib/schemas/connector";

export const GET = apiRoute({ permission: "connectors.read" }, async ({ access, query }) => listConnectors(access, db(), listConnectorsQuerySchema.parse(Object.fromEntries(query))));

// A managed identity setup is proved by its chain test before it is used; a failing one is saved as a draft.
export const POST = apiRoute({ permission: "connectors.write", body: createConnectorSchema }, async ({ operator, body }) =>
  Response.json(await proveConnector(db(), operator, await createConnector(db(), operator, body, settings().kustoExtraOrigins)), { status: 201 }),
);
