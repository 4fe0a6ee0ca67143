import "server-only";
// Retention: validation runs (and their checks, by cascade) older than the setting are deleted,
// but only for connectors that have a newer run, so every connector keeps at least its latest
// result. Delivered or failed alert events older than the setting go too; audit events are
// never pruned. Throttle pauses that have ended go as well. Scheduled runs past the last day
// that repeat what their neighbours found are thinned (thin-runs.ts).
import type { Db } from "@/lib/server/db/client";
import { thinRuns } from "./thin-runs";

export async function pruneHistory(db: Db, options: { retentionDays: number; now?: Date }): Promise<{ runs: number; thinned: number; alerts: number }> {
  const cutoff = new Date((options.now ?? new Date()).getTime() - options.retentionDays * 24 * 3600_000);
  const runs = await db.validationRun.deleteMany({
    where: { startedAt: { lt: cutoff }, connector: { runs: { some: { startedAt: { gte: cutoff } } } } },
  });
  const thinned = await thinRuns(db, { now: options.now });
  const alerts = await db.alertEvent.deleteMany({ where: { at: { lt: cutoff }, deliveryStatus: { not: "pending" } } });
  // Pauses run on real time (OrgThrottle.paused), not on the clock a test gives the scheduler.
  await db.throttlePause.deleteMany({ where: { pausedUntil: { lt: new Date() } } });
  return { runs: runs.count, thinned, alerts: alerts.count };
}
