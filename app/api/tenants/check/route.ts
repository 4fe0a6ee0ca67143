import { apiRoute } from "@/lib/server/http/api-route";
import { db } from "@/lib/server/db/client";
import { checkAllTenants } from "@/lib/server/tenants/check-all-tenants";

// "Check all tenants": the token exchange in each target tenant of each app, rate-limited like the chain test.
export const POST = apiRoute({ permission: "health.check" }, async ({ access, operator }) => ({ apps: await checkAllTenants(access, db(), operator) }));
