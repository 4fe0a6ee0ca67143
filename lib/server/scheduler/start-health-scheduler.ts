import "server-only";
// The process-wide scheduler, started by prepareServer after migrations when
// TB_SCHEDULER_ENABLED allows it (on by default, off under Vitest).
import { processAlertDispatcher } from "@/lib/server/alerts/process-alert-dispatcher";
import { db } from "@/lib/server/db/client";
import { log } from "@/lib/server/log";
import { settings } from "@/lib/server/settings";
import { createScheduler, type Scheduler } from "./scheduler";

const holder = globalThis as unknown as { tenantBridgeScheduler?: Scheduler };

export function startHealthScheduler(): Scheduler {
  if (holder.tenantBridgeScheduler) return holder.tenantBridgeScheduler;
  const { health } = settings();
  const dispatcher = processAlertDispatcher();
  const scheduler = createScheduler(db(), {
    intervalSeconds: health.checkIntervalSeconds,
    concurrency: health.checkConcurrency,
    retentionDays: health.runRetentionDays,
    dispatcher,
  });
  scheduler.start();
  holder.tenantBridgeScheduler = scheduler;
  log.info("health scheduler started", {
    intervalSeconds: health.checkIntervalSeconds,
    concurrency: health.checkConcurrency,
    retentionDays: health.runRetentionDays,
    webhook: dispatcher ? "configured" : "none",
  });
  return scheduler;
}
