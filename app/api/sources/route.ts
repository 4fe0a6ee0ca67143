import { apiRoute } from "@/lib/server/http/api-route";
import { db } from "@/lib/server/db/client";
import { createSource } from "@/lib/server/sources/create-source";
import { listSources } from "@/lib/server/sources/list-sources";
import { createSourceSchema, listSourcesQuerySchema } from "@/lib/schemas/source";

export const GET = apiRoute({ permission: "sources.read" }, async ({ access, query }) => listSources(access, db(), listSourcesQuerySchema.parse(Object.fromEntries(query))));

// Validates the connector's access to the repository first; see createSource for ready vs draft.
export const POST = apiRoute({ permission: "sources.write", body: createSourceSchema }, async ({ operator, body }) => Response.json(await createSource(db(), operator, body), { status: 201 }));
