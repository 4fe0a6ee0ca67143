import { apiRoute } from "@/lib/server/http/api-route";
import { db } from "@/lib/server/db/client";
import { listAlertEvents } from "@/lib/server/health/list-alert-events";
import { listAlertsQuerySchema } from "@/lib/schemas/health";

// Recent alert events (failing, needs sign-in, recovered) with their webhook delivery state.
export const GET = apiRoute({ permission: "health.read" }, async ({ access, query }) => listAlertEvents(access, db(), listAlertsQuerySchema.parse(Object.fromEntries(query)).take));
