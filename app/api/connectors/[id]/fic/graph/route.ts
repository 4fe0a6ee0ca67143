import { apiRoute } from "@/lib/server/http/api-route";
import { db } from "@/lib/server/db/client";
import { settings } from "@/lib/server/settings";
import { createFicThroughGraph } from "@/lib/server/fic/create-fic-through-graph";
import { createFicThroughGraphSchema } from "@/lib/schemas/fic";

// Creates the FIC on the app with the operator's delegated Graph token, then saves the values.
export const POST = apiRoute({ permission: "connectors.write", body: createFicThroughGraphSchema }, async ({ access, params, body }) =>
  createFicThroughGraph(db(), access, params.id ?? "", body, settings()),
);
