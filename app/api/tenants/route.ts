import { apiRoute } from "@/lib/server/http/api-route";
import { db } from "@/lib/server/db/client";
import { listTenants } from "@/lib/server/tenants/list-tenants";

// Every target tenant of each multi-tenant app, with its consent state, last exchange and connectors.
export const GET = apiRoute({ permission: "connectors.read" }, async ({ access }) => ({ apps: await listTenants(access, db()) }));
