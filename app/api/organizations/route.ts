import { apiRoute } from "@/lib/server/http/api-route";
import { db } from "@/lib/server/db/client";
import { listOrganizations } from "@/lib/server/sources/list-organizations";

// The organizations with their connector's summary and source count.
export const GET = apiRoute({ permission: "sources.read" }, async ({ access }) => listOrganizations(access, db()));
