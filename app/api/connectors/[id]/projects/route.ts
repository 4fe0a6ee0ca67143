import { apiRoute } from "@/lib/server/http/api-route";
import { db } from "@/lib/server/db/client";
import { listConnectorProjects } from "@/lib/server/sources/list-connector-projects";

// The projects the connector's identity can see, listed live; an empty list explains project-level access.
export const GET = apiRoute({ permission: "sources.read" }, async ({ operator, params }) => listConnectorProjects(db(), operator, params.id ?? ""));
