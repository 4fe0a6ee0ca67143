import "server-only";
// Everything the health page renders from the server, in parallel: the page of connectors, the
// filter suggestions and the recent alerts. Also what the benchmark times.
import { assertAccess, type Access } from "@/lib/server/auth/access";
import type { Db } from "@/lib/server/db/client";
import type { HealthQuery } from "@/lib/schemas/health";
import { healthFilterOptions } from "./health-filter-options";
import { listAlertEvents } from "./list-alert-events";
import { listHealth } from "./list-health";

export const RECENT_ALERTS = 6;

export async function loadHealthPage(access: Access<"health.read">, db: Db, query: HealthQuery, intervalSeconds: number) {
  assertAccess(access, "health.read");
  const [health, options, alerts] = await Promise.all([listHealth(access, db, query, { intervalSeconds }), healthFilterOptions(access, db), listAlertEvents(access, db, RECENT_ALERTS)]);
  return { health, options, alerts };
}
