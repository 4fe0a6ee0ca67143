import "server-only";
// The /metrics answer: only for the scraper holding TB_METRICS_TOKEN. Without a configured token
// the endpoint does not exist (404), so a deployment never exposes metrics by forgetting a setting.
import { timingSafeEqual } from "node:crypto";
import type { Db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors";
import { metrics } from "./metrics";

function sameToken(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function assertScraper(authorization: string | null, expectedToken: string | undefined): void {
  if (!expectedToken) throw new AppError("not_found", "Metrics are not enabled on this portal (set TB_METRICS_TOKEN).");
  const presented = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  if (!presented || !sameToken(presented, expectedToken)) {
    throw new AppError("unauthenticated", "Send the metrics token as Authorization: Bearer <TB_METRICS_TOKEN>.");
  }
}

/** The exposition text, with the connector state gauge read fresh from the database. */
export async function scrapeMetrics(db: Db): Promise<{ body: string; contentType: string }> {
  const { registry, connectors } = metrics();
  const byStatus = await db.connector.groupBy({ by: ["status"], _count: { _all: true } });
  connectors.reset();
  for (const row of byStatus) connectors.set({ state: row.status }, row._count._all);
  return { body: await registry.metrics(), contentType: registry.contentType };
}
