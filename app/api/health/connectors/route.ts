import { apiRoute } from "@/lib/server/http/api-route";
import { db } from "@/lib/server/db/client";
import { settings } from "@/lib/server/settings";
import { listHealth } from "@/lib/server/health/list-health";
import { healthQuerySchema } from "@/lib/schemas/health";

// One page of the health dashboard: connectors in attention order with their latest checks and history.
export const GET = apiRoute({ permission: "health.read" }, async ({ access, query }) =>
  listHealth(access, db(), healthQuerySchema.parse(Object.fromEntries(query)), { intervalSeconds: settings().health.checkIntervalSeconds }),
);
