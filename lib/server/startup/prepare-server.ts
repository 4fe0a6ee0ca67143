import "server-only";
import { assertEncryptionReady } from "@/lib/server/crypto/assert-encryption-ready";
import { db } from "@/lib/server/db/client";
import { configureSqlite } from "@/lib/server/db/sqlite-pragmas";
import { holdSqliteProcessLock } from "@/lib/server/db/hold-sqlite-process-lock";
import { migrateDatabase } from "@/lib/server/db/migrate";
import { webhookTarget } from "@/lib/server/alerts/webhook-target";
import { startHealthScheduler } from "@/lib/server/scheduler/start-health-scheduler";
import { log } from "@/lib/server/log";
import { settings } from "@/lib/server/settings";
import { limitHeapGrowth } from "./heap-growth";

/** Migrate, then refuse to serve when a stored secret could not be decrypted. */
export async function prepareServer(): Promise<void> {
  const config = settings();
  limitHeapGrowth(config.heapGrowthPercent);
  // A refused alert webhook (a private or metadata address, a bad secret) stops the start here,
  // even with the scheduler off, rather than at the first alert.
  webhookTarget();
  // Before migrating: a second process on the same SQLite file must stop here, with the reason.
  if (config.database.provider === "sqlite") holdSqliteProcessLock(config.database.file);
  const started = Date.now();
  await migrateDatabase(config.database);
  log.info("database ready", {
    provider: config.database.provider,
    location: config.database.provider === "sqlite" ? config.database.file : new URL(config.database.url).host,
    ms: Date.now() - started,
  });
  if (config.database.provider === "sqlite") await configureSqlite(db());
  const readiness = await assertEncryptionReady(db());
  log.info("encryption ready", readiness);
  if (config.health.schedulerEnabled) startHealthScheduler();
}
