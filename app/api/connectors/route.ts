import { apiRoute } from "@/lib/server/http/api-route";
import { db } from "@/lib/server/db/client";
import { settings } from "@/lib/server/settings";
import { listConnectors } from "@/lib/server/connectors/list-connectors";
import { createConnector } from "@/lib/server/connectors/create-connector";
import { createConnectorSchema, listConnectorsQuerySchema } from "@/lib/schemas/connector";

export const GET = apiRoute({ permission: "connectors.read" }, async ({ access, query }) =>
  listConnectors(access, db(), listConnectorsQuerySchema.parse(Object.fromEntries(query))),
);

export const POST = apiRoute({ permission: "connectors.write", body: createConnectorSchema }, async ({ operator, body }) =>
  Response.json(await createConnector(db(), operator, body, settings().kustoExtraOrigins), { status: 201 }),
);
