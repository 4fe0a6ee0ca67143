import "server-only";
import { assertEncryptionReady } from "@/lib/server/crypto/assert-encryption-ready";
import { db } from "@/lib/server/db/client";
import { migrateDatabase } from "@/lib/server/db/migrate";
import { startHealthScheduler } from "@/lib/server/scheduler/start-health-scheduler";
import { log } from "@/lib/server/log";
import { settings } from "@/lib/server/settings";

/** Migrate, then refuse to serve when a stored secret could not be decrypted. */
export async function prepareServer(): Promise<void> {
  const config = settings();
  const started = Date.now();
  await migrateDatabase(config.database);
  log.info("database ready", {
    provider: config.database.provider,
    location: config.database.provider === "sqlite" ? config.database.file : new URL(config.database.url).host,
    ms: Date.now() - started,
  });
  const readiness = await assertEncryptionReady(db());
  log.info("encryption ready", readiness);
  if (config.health.schedulerEnabled) startHealthScheduler();
}
